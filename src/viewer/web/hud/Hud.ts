// The heads-up display: run title and clock, play/pause and speed, colour legend, regret plot, learner state, per-link erasure counts and the replay timeline; controls send messages through a callback.
import { Color } from 'three';
import type { ClientMessage } from '../../../nodes/bridge/protocol.js';
import { allocationRegret, allocationValue, bestArm, countsByArm, countsByNode } from '../../../nodes/bridge/truth.js';
import { armColor, rampCss } from '../colors.js';
import { actionName } from '../dagLayout.js';
import type { ConnectionState } from '../Connection.js';
import type { ColorMode, ViewerStore } from '../ViewerStore.js';
import { RegretPlot } from './RegretPlot.js';

/** Speeds offered (multiples of wall-clock time); null = as fast as possible. */
const SPEEDS: (number | null)[] = [0.25, 0.5, 1, 2, 5, 10, 30, 100, 1000, null];
/** Link rows shown before "+N more". */
const MAX_LINK_ROWS = 24;
/** DAG player rows shown before "+N more". */
const MAX_PLAYER_ROWS = 24;

export interface HudCallbacks {
  send(message: ClientMessage): void;
  colorMode(mode: ColorMode): void;
  /** Latest value range of the site colouring, for the legend. */
  colorRange(): [number, number] | null;
  /** The ground-truth toggle changed. */
  showTruth(on: boolean): void;
}

const el = <T extends HTMLElement = HTMLElement>(id: string): T => {
  const e = document.getElementById(id);
  if (!e) throw new Error(`viewer page lacks #${id}`);
  return e as T;
};

export class Hud {
  readonly plot: RegretPlot;
  readonly #cb: HudCallbacks;
  readonly #title = el('title');
  readonly #mode = el('mode');
  readonly #conn = el('conn');
  readonly #runLabel = el('runLabel');
  readonly #clock = el('clock');
  readonly #play = el<HTMLButtonElement>('play');
  readonly #speed = el<HTMLSelectElement>('speed');
  readonly #colorBy = el<HTMLSelectElement>('colorBy');
  readonly #legend = el('legend');
  readonly #panels = el<HTMLButtonElement>('panels');
  readonly #truth = el<HTMLInputElement>('truth');
  readonly #truthToggle = el('truthToggle');
  readonly #truthInfo = el('truthInfo');
  readonly #finished = el('finished');
  readonly #regretValue = el('regretValue');
  readonly #side = el('side');
  readonly #learnerSection = el('learnerSection');
  readonly #learner = el('learner');
  readonly #linksSection = el('linksSection');
  readonly #linksBody = el<HTMLTableSectionElement>('linksBody');
  readonly #dagSection = el('dagSection');
  readonly #sharedReward = el('sharedReward');
  readonly #playersBody = el<HTMLTableSectionElement>('playersBody');
  readonly #timeline = el('timeline');
  readonly #scrub = el<HTMLInputElement>('scrub');
  readonly #tlTime = el('tlTime');
  readonly #listeners: [EventTarget, string, EventListener][] = [];
  #learnerVersion = '';
  #agentsVersion = -1;
  #dagKey = '';
  #scrubbing = false;
  #lastSeek = 0;
  #legendKey = '';
  #truthKey = '';

  constructor(callbacks: HudCallbacks) {
    this.#cb = callbacks;
    this.plot = new RegretPlot(el<HTMLCanvasElement>('plot'));
    for (const s of SPEEDS) this.#speed.add(new Option(s === null ? 'max' : `${s}×`, s === null ? 'max' : String(s)));
    this.#on(this.#play, 'click', () => {
      const paused = this.#play.dataset.paused === 'true';
      this.#cb.send({ type: paused ? 'play' : 'pause' });
    });
    this.#on(this.#speed, 'change', () => {
      const v = this.#speed.value;
      this.#cb.send({ type: 'speed', speed: v === 'max' ? null : Number(v) });
    });
    this.#on(this.#colorBy, 'change', () => {
      const v = this.#colorBy.value;
      this.#cb.colorMode(v === 'ucb' || v === 'truth' ? v : 'mean');
    });
    this.#on(this.#truth, 'change', () => this.#cb.showTruth(this.#truth.checked));
    // Small windows: one button (or key h) hides every panel but this one.
    this.#on(this.#panels, 'click', () => this.#togglePanels());
    this.#on(window, 'keydown', (ev) => {
      const k = ev as KeyboardEvent;
      if (k.key === 'h' && !k.ctrlKey && !k.metaKey && !k.altKey && !(k.target instanceof HTMLInputElement || k.target instanceof HTMLSelectElement)) this.#togglePanels();
    });
    this.#on(this.#scrub, 'input', () => {
      this.#scrubbing = true;
      const now = performance.now();
      if (now - this.#lastSeek > 80) {
        this.#lastSeek = now;
        this.#seek();
      }
    });
    this.#on(this.#scrub, 'change', () => {
      this.#scrubbing = false;
      this.#seek();
    });
  }

  connection(state: ConnectionState): void {
    this.#conn.textContent = state === 'open' ? 'connected' : state === 'connecting' ? 'connecting…' : 'disconnected, retrying…';
    this.#conn.className = `conn ${state}`;
  }

  /** Redraws what changed. Called once per animation frame. */
  update(store: ViewerStore): void {
    const st = store.status;
    if (st) {
      this.#mode.textContent = st.mode === 'replay' ? 'REPLAY' : st.mode === 'ros' ? 'ROS 2' : 'LIVE';
      // A finished live run cannot be resumed; a finished replay can be played again.
      const inert = !st.controllable || (st.finished && st.mode !== 'replay');
      this.#play.disabled = inert;
      this.#speed.disabled = inert;
      this.#play.dataset.paused = String(st.paused || (st.finished && st.mode === 'replay'));
      this.#play.textContent = this.#play.dataset.paused === 'true' ? '▶ play' : '❚❚ pause';
      const sv = st.speed === null ? 'max' : String(st.speed);
      if (![...this.#speed.options].some((o) => o.value === sv)) this.#speed.add(new Option(`${st.speed}×`, sv));
      if (document.activeElement !== this.#speed) this.#speed.value = sv;
      this.#finished.hidden = !st.finished;
      this.#finished.textContent = st.mode === 'replay' ? 'end of recording' : 'run finished';
      this.#updateTimeline(st.timeline);
    }
    const r = store.regret;
    const g = store.graph;
    this.#title.textContent = [g?.name ?? store.dag?.name, r?.algorithm ?? store.learner?.algorithm].filter((x) => x).join(' · ') || 'fleet-bandits';
    this.#runLabel.textContent = r?.runLabel ?? '';
    this.#clock.textContent = `round ${store.round} · t ${(store.timeNs / 1e9).toFixed(1)} s${store.dropped > 0 ? ` · ${store.dropped} dropped` : ''}`;
    this.#regretValue.textContent = r ? `${r.cumulative.toFixed(2)} (round ${r.round})` : '';
    this.plot.update(store);
    this.#updateLegend(store);
    this.#updateTruth(store);
    this.#updateLearner(store);
    this.#updateLinks(store);
    this.#updateDag(store);
    this.#side.hidden = this.#learnerSection.hidden && this.#linksSection.hidden && this.#dagSection.hidden;
  }

  dispose(): void {
    for (const [t, type, f] of this.#listeners) t.removeEventListener(type, f);
    this.#listeners.length = 0;
  }

  #on(target: EventTarget, type: string, f: EventListener): void {
    target.addEventListener(type, f);
    this.#listeners.push([target, type, f]);
  }

  #togglePanels(): void {
    const collapsed = document.body.classList.toggle('collapsed');
    this.#panels.textContent = collapsed ? '▸' : '▾';
    this.#panels.title = collapsed ? 'show the other panels (key h)' : 'hide the other panels (key h)';
    this.#panels.setAttribute('aria-pressed', String(collapsed));
  }

  /** The ground-truth toggle and its summary: OPT and the regret of the current allocation. */
  #updateTruth(store: ViewerStore): void {
    const run = store.run;
    const truth = run?.truth ?? null;
    const key = `${store.runVersion}|${store.showTruth}|${store.allocationVersion}|${store.agentsVersion}|${store.graphVersion}|${store.robotsVersion}`;
    if (key === this.#truthKey) return;
    this.#truthKey = key;
    this.#truthToggle.title = truth ? `overlay the ground truth (${run!.truthNote})` : (run?.truthNote ?? 'this viewer has no run information, so no ground truth');
    const truthOption = [...this.#colorBy.options].find((o) => o.value === 'truth')!;
    truthOption.disabled = !(truth?.unit === 'site' && store.showTruth);
    if (truthOption.disabled && this.#colorBy.value === 'truth') {
      this.#colorBy.value = 'mean';
      this.#cb.colorMode('mean');
    }
    this.#truthInfo.hidden = !store.showTruth;
    if (!store.showTruth) return;
    if (!truth) {
      this.#truthInfo.replaceChildren(muted(`no ground truth: ${run?.truthNote ?? 'this viewer has no run information'}`));
      return;
    }
    const b = (text: string) => {
      const e = document.createElement('b');
      e.textContent = text;
      return e;
    };
    if (truth.unit === 'site') {
      const size = truth.means.length;
      const ids = store.graph?.nodeIds ?? [];
      // Robots standing on sites now (what the monitor scores), and the planner's target if it has one.
      const now = countsByNode(ids, Array.from(store.robotsAtSite), size);
      const line1 = document.createElement('div');
      line1.append('OPT ', b(truth.optimalValue.toFixed(3)), ' / step · robots now: regret ', b(Math.max(0, allocationRegret(truth, now)).toFixed(3)));
      const a = store.allocation;
      const target = a ? countsByNode(a.nodeIds, a.targetCounts, size) : null;
      if (target && target.some((c) => c > 0)) line1.append(' · target: ', b(Math.max(0, allocationRegret(truth, target)).toFixed(3)));
      let sites = 0;
      for (const c of truth.optimal) if (c > 0) sites++;
      this.#truthInfo.replaceChildren(line1, muted(`white rings: optimal allocation (${truth.optimal.reduce((x, y) => x + y, 0)} robots on ${sites} sites, value ${allocationValue(truth, truth.optimal).toFixed(3)}) · colour: "true mean"`));
      return;
    }
    const best = bestArm(truth);
    const played = [...store.agents.values()].map((ag) => ag.played);
    const counts = countsByArm(played, truth.means.length);
    const line1 = document.createElement('div');
    line1.append('best arm ', b(`${best}`), ` (μ ${truth.means[best].toFixed(3)}) · agents now: regret `, b(allocationRegret(truth, counts).toFixed(3)), ' / round');
    this.#truthInfo.replaceChildren(line1, muted(`true means ${truth.means.map((m) => m.toFixed(2)).join(', ')} · white tick: true mean`));
  }

  #seek(): void {
    const tl = this.#timelineRange;
    if (!tl) return;
    const f = Number(this.#scrub.value) / Number(this.#scrub.max);
    this.#cb.send({ type: 'seek', timeNs: Math.round(tl.startNs + f * (tl.endNs - tl.startNs)) });
  }

  #timelineRange: { startNs: number; endNs: number } | null = null;

  #updateTimeline(tl: { startNs: number; endNs: number; cursorNs: number } | undefined): void {
    this.#timeline.hidden = !tl;
    if (!tl) return;
    this.#timelineRange = tl;
    const span = Math.max(1, tl.endNs - tl.startNs);
    if (!this.#scrubbing) this.#scrub.value = String(Math.round(((tl.cursorNs - tl.startNs) / span) * Number(this.#scrub.max)));
    this.#tlTime.textContent = `${((tl.cursorNs - tl.startNs) / 1e9).toFixed(1)} / ${(span / 1e9).toFixed(1)} s`;
  }

  #updateLegend(store: ViewerStore): void {
    const range = this.#cb.colorRange();
    const key = `${store.colorMode}|${range?.[0].toFixed(3)}|${range?.[1].toFixed(3)}|${store.graph ? 1 : 0}|${store.showTruth}|${store.runVersion}`;
    if (key === this.#legendKey) return;
    this.#legendKey = key;
    this.#legend.hidden = !store.graph;
    this.#colorBy.parentElement!.hidden = !store.graph;
    if (!store.graph) return;
    const stops = [0, 0.25, 0.5, 0.75, 1].map((t) => `${rampCss(t)} ${t * 100}%`).join(', ');
    const label = store.colorMode === 'ucb' ? 'UCB' : store.colorMode === 'truth' ? 'true mean' : 'mean';
    this.#legend.replaceChildren();
    const bar = document.createElement('div');
    bar.className = 'ramp';
    bar.style.background = `linear-gradient(to right, ${stops})`;
    const lo = document.createElement('span');
    const hi = document.createElement('span');
    lo.textContent = range ? range[0].toFixed(2) : '–';
    hi.textContent = range ? range[1].toFixed(2) : '–';
    const caption = document.createElement('div');
    caption.className = 'muted';
    caption.textContent = `site colour: ${label} · size: robots sampling · gold ring: target allocation${store.showTruth && store.run?.truth?.unit === 'site' ? ' · white ring: optimal' : ''}`;
    const row = document.createElement('div');
    row.className = 'ramp-row';
    row.append(lo, bar, hi);
    this.#legend.append(row, caption);
  }

  #updateLearner(store: ViewerStore): void {
    const version = `${store.learnerVersion}|${store.showTruth}|${store.runVersion}`;
    if (version === this.#learnerVersion) return;
    this.#learnerVersion = version;
    const truth = store.showTruth && store.run?.truth?.unit === 'arm' ? store.run.truth : null;
    const l = store.learner;
    this.#learnerSection.hidden = !l;
    if (!l) return;
    const head = document.createElement('div');
    head.textContent = `${l.algorithm} · round ${l.round} · batch ${l.batch}`;
    const active = new Set(l.activeArms);
    const bars = document.createElement('div');
    bars.className = 'arms';
    let max = 1e-9;
    for (const e of l.estimates) if (e !== null) max = Math.max(max, Math.abs(e));
    if (truth) for (const m of truth.means) max = Math.max(max, Math.abs(m));
    const best = truth ? bestArm(truth) : -1;
    const c = new Color();
    l.estimates.forEach((e, arm) => {
      const row = document.createElement('div');
      // null: the learner has no estimate yet (NaN on the wire: the arm was never sampled).
      row.className = `${active.has(arm) ? 'arm' : 'arm inactive'}${e === null ? ' unsampled' : ''}${arm === best ? ' best' : ''}`;
      const name = document.createElement('span');
      name.className = 'name';
      name.textContent = arm === best ? `${arm}★` : `${arm}`;
      const track = document.createElement('span');
      track.className = 'track';
      const bar = document.createElement('span');
      bar.className = 'bar';
      bar.style.width = e === null ? '0' : `${Math.max(2, (Math.abs(e) / max) * 100)}%`;
      bar.style.background = `#${armColor(arm, c).getHexString()}`;
      const val = document.createElement('span');
      val.className = 'val';
      val.textContent = e === null ? 'not sampled' : `${e.toFixed(3)} (${l.counts[arm] ?? 0})`;
      track.append(bar);
      if (truth && arm < truth.means.length) {
        const mark = document.createElement('span');
        mark.className = 'truemark';
        mark.style.left = `${Math.min(100, (Math.abs(truth.means[arm]) / max) * 100)}%`;
        mark.title = `true mean ${truth.means[arm].toFixed(3)}`;
        track.append(mark);
      }
      row.append(name, track, val);
      bars.append(row);
    });
    const foot = document.createElement('div');
    foot.className = 'muted';
    foot.textContent = `active arms: ${l.activeArms.length} of ${l.estimates.length} · bar: estimate (observations)${truth ? ' · white tick: true mean, ★ best arm' : ''}`;
    this.#learner.replaceChildren(head, bars, foot);
  }

  #updateDag(store: ViewerStore): void {
    const key = `${store.dagVersion}|${store.playersVersion}`;
    if (key === this.#dagKey) return;
    this.#dagKey = key;
    const dag = store.dag;
    this.#dagSection.hidden = !dag;
    if (!dag) return;
    const sr = store.sharedReward;
    if (sr) {
      const value = document.createElement('b');
      value.textContent = sr.reward.toFixed(3);
      this.#sharedReward.replaceChildren(value, ` in round ${sr.round} · mean ${sr.mean.toFixed(3)} over ${sr.count} rewarded rounds`);
    } else this.#sharedReward.textContent = 'no reward yet';
    const c = new Color();
    const rows = dag.players.slice(0, MAX_PLAYER_ROWS).map((p, i) => {
      const st = store.players.get(i);
      const a = st?.action ?? -1;
      const prob = st && st.policyRound >= 0 && a >= 0 ? st.policy[a] : null;
      const tr = document.createElement('tr');
      const cells = [p.name, actionName(dag, i, a), prob === null || prob === undefined ? '–' : prob.toFixed(2), p.parents.map((k) => dag.players[k]?.name ?? k).join(', ') || '–'];
      cells.forEach((text, k) => {
        const td = document.createElement('td');
        td.textContent = text;
        if (k === 1 && a >= 0) td.style.color = `#${armColor(a, c).getHexString()}`;
        tr.append(td);
      });
      return tr;
    });
    if (dag.players.length > MAX_PLAYER_ROWS) {
      const tr = document.createElement('tr');
      const td = document.createElement('td');
      td.colSpan = 4;
      td.className = 'muted';
      td.textContent = `+${dag.players.length - MAX_PLAYER_ROWS} more players`;
      tr.append(td);
      rows.push(tr);
    }
    this.#playersBody.replaceChildren(...rows);
  }

  #updateLinks(store: ViewerStore): void {
    if (store.agentsVersion === this.#agentsVersion) return;
    this.#agentsVersion = store.agentsVersion;
    const ids = [...new Set([...store.links.keys(), ...store.agents.keys()])].sort((a, b) => a - b);
    this.#linksSection.hidden = ids.length === 0;
    const rows: HTMLTableRowElement[] = [];
    const c = new Color();
    for (const id of ids.slice(0, MAX_LINK_ROWS)) {
      const l = store.links.get(id);
      const a = store.agents.get(id);
      const tr = document.createElement('tr');
      const cells = [
        `${id}`,
        a && a.played >= 0 ? `${a.played}` : '–',
        a && a.sent >= 0 ? `${a.sent}` : '–',
        l ? `${l.sent}` : '–',
        l ? `${l.erased}` : '–',
        l && l.sent > 0 ? `${((100 * l.erased) / l.sent).toFixed(0)}%` : '–',
      ];
      cells.forEach((text, k) => {
        const td = document.createElement('td');
        td.textContent = text;
        if ((k === 1 || k === 2) && text !== '–') td.style.color = `#${armColor(Number(text), c).getHexString()}`;
        tr.append(td);
      });
      if (a && !a.arrived && a.round > 0) tr.className = 'missed';
      rows.push(tr);
    }
    if (ids.length > MAX_LINK_ROWS) {
      const tr = document.createElement('tr');
      const td = document.createElement('td');
      td.colSpan = 6;
      td.className = 'muted';
      td.textContent = `+${ids.length - MAX_LINK_ROWS} more agents`;
      tr.append(td);
      rows.push(tr);
    }
    this.#linksBody.replaceChildren(...rows);
  }
}

function muted(text: string): HTMLElement {
  const d = document.createElement('div');
  d.className = 'muted';
  d.textContent = text;
  return d;
}
