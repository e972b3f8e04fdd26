// Where the DAG layer puts each player and what its card says: players in topological layers (a layer below all of its parents), ordered within a layer to keep parent edges short, and each card's text (current action, parent context, policy bars). Pure: no three.js, no DOM, so it is unit-tested in Node.
import type { DagView, PlayerView } from '../../nodes/bridge/protocol.js';

export interface DagLayout {
  /** Layer of each player: 0 for roots, else 1 + the deepest parent's layer. */
  depth: number[];
  /** Players of each layer, left to right. */
  layers: number[][];
  /** x of each player's centre (cards one unit apart, each layer centred on 0). */
  x: number[];
}

/**
 * Longest-path layering, then each layer sorted by the mean x of the players' parents (then by
 * index), so edges run mostly straight down. A cycle (never sent by a valid DagTopology) cannot
 * hang it: the players on it go below everything else.
 */
export function layoutDag(parents: readonly (readonly number[])[]): DagLayout {
  const n = parents.length;
  const depth = new Array<number>(n).fill(-1);
  const children: number[][] = parents.map(() => []);
  const waiting = parents.map((ps) => ps.length);
  parents.forEach((ps, i) => ps.forEach((k) => (k >= 0 && k < n ? children[k].push(i) : waiting[i]--)));
  const ready: number[] = [];
  for (let i = 0; i < n; i++) if (waiting[i] === 0) ready.push(i);
  let deepest = 0;
  for (let q = 0; q < ready.length; q++) {
    const i = ready[q];
    depth[i] = Math.max(0, ...parents[i].filter((k) => k >= 0 && k < n).map((k) => depth[k] + 1));
    deepest = Math.max(deepest, depth[i]);
    for (const c of children[i]) if (--waiting[c] === 0) ready.push(c);
  }
  for (let i = 0; i < n; i++) if (depth[i] < 0) depth[i] = deepest + 1;

  const layers: number[][] = [];
  for (let i = 0; i < n; i++) (layers[depth[i]] ??= []).push(i);
  const x = new Array<number>(n).fill(0);
  for (const layer of layers) {
    if (!layer) continue;
    const key = (i: number) => {
      const ps = parents[i].filter((k) => k >= 0 && k < n && depth[k] < depth[i]);
      return ps.length === 0 ? -Infinity : ps.reduce((a, k) => a + x[k], 0) / ps.length;
    };
    const keys = new Map(layer.map((i) => [i, key(i)]));
    layer.sort((a, b) => keys.get(a)! - keys.get(b)! || a - b);
    layer.forEach((i, k) => (x[i] = k - (layer.length - 1) / 2));
  }
  return { depth, layers: layers.map((l) => l ?? []), x };
}

/** Name of action `a` of player `i` (its label, else its index). */
export function actionName(dag: DagView, i: number, a: number): string {
  const p = dag.players[i];
  if (!p || a < 0) return '–';
  return p.labels[a] || `action ${a}`;
}

/** Short name of action `a` of player `i`: its label, else its index. */
export function shortActionName(dag: DagView, i: number, a: number): string {
  return dag.players[i]?.labels[a] || String(a);
}

/** The parents' actions a context stands for, e.g. "leader=south, drone_a=relay" ('' for a root). */
export function contextText(dag: DagView, i: number, context: number): string {
  const p = dag.players[i];
  if (!p) return '';
  let c = context;
  return p.parents
    .map((k) => {
      const A = dag.players[k]?.actions ?? 1;
      const a = c % A;
      c = Math.floor(c / A);
      return `${dag.players[k]?.name ?? `p${k}`}=${shortActionName(dag, k, a)}`;
    })
    .join(', ');
}

export interface PolicyBar {
  action: number;
  label: string;
  /** Probability (or share of plays) in [0, 1]; null when not known. */
  value: number | null;
  count: number;
  /** The action the player played last. */
  current: boolean;
}

export interface PlayerCard {
  name: string;
  /** Current action's name, '–' before the first. */
  action: string;
  actionIndex: number;
  round: number;
  /** What the policy is conditioned on ('' for a root, or before any policy). */
  context: string;
  bars: PolicyBar[];
  /** Actions not drawn as bars (only the most likely `maxBars` are). */
  hidden: number;
}

/** Text and bars of player i's card. */
export function playerCard(dag: DagView, i: number, p: PlayerView | undefined, maxBars = 6): PlayerCard {
  const player = dag.players[i];
  const A = player?.actions ?? 0;
  const action = p?.action ?? -1;
  const hasPolicy = p !== undefined && p.policyRound >= 0 && p.policy.length === A;
  let bars: PolicyBar[] = Array.from({ length: A }, (_, a) => ({
    action: a,
    label: shortActionName(dag, i, a),
    value: hasPolicy ? clamp01(p.policy[a]) : null,
    count: hasPolicy ? (p.counts[a] ?? 0) : 0,
    current: a === action,
  }));
  if (bars.length > maxBars) {
    const keep = new Set([...bars].sort((x, y) => (y.value ?? 0) - (x.value ?? 0) || x.action - y.action).slice(0, maxBars).map((b) => b.action));
    bars = bars.filter((b) => keep.has(b.action));
  }
  return {
    name: player?.name ?? `p${i}`,
    action: actionName(dag, i, action),
    actionIndex: action,
    round: p?.round ?? -1,
    context: hasPolicy ? contextText(dag, i, p.context) : '',
    bars,
    hidden: A - bars.length,
  };
}

function clamp01(x: number | null | undefined): number | null {
  return x === null || x === undefined || !Number.isFinite(x) ? null : Math.min(1, Math.max(0, x));
}
