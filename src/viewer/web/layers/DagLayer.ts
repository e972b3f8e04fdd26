// Consecutive play on a DAG: one card per player in topological layers (parents above children, arrows from parent to child tinted by the parent's current action); a card shows the player's current action and its policy in the context it last played (bars: play probability or share of plays, with pick counts).
import { ArrowHelper, Box3, BufferGeometry, CanvasTexture, Color, CubicBezierCurve3, Group, Line, LineBasicMaterial, Raycaster, SRGBColorSpace, Sprite, SpriteMaterial, Vector3 } from 'three';
import type { DagView } from '../../../nodes/bridge/protocol.js';
import { armColor } from '../colors.js';
import { layoutDag, playerCard, type PlayerCard } from '../dagLayout.js';
import type { HoverInfo, SceneLayer } from '../SceneLayer.js';
import type { ViewerStore } from '../ViewerStore.js';

/** Card width in scene units; heights follow the canvas aspect. */
const CARD_W = 16;
/** Canvas pixels per card width (text is drawn at this resolution). */
const PX_W = 360;
const GAP_X = 5;
const GAP_Y = 7;
/** Cards are redrawn (canvas and texture upload) at most this often (ms): rounds can tick at hundreds per second. */
const REDRAW_MS = 150;
const EDGE = new Color(0x5d6b80);
const color = new Color();
const v = new Vector3();

interface Card {
  sprite: Sprite;
  canvas: HTMLCanvasElement;
  texture: CanvasTexture;
  /** Height in scene units. */
  height: number;
  key: string;
}

interface Edge {
  parent: number;
  arrow: ArrowHelper;
  /** The curve of an edge that skips layers (null: the arrow is the whole edge). */
  curve: Line<BufferGeometry, LineBasicMaterial> | null;
}

export class DagLayer implements SceneLayer {
  readonly root = new Group();
  #cards: Card[] = [];
  #edges: Edge[] = [];
  #dagVersion = -1;
  #playersVersion = -1;
  #store: ViewerStore | null = null;
  #dirty = false;
  #lastDraw = -Infinity;

  get playerCount(): number {
    return this.#cards.length;
  }

  /** Scene position of player i's card centre, or null. */
  cardPosition(i: number, out: Vector3): Vector3 | null {
    const c = this.#cards[i];
    return c ? out.copy(c.sprite.position) : null;
  }

  update(store: ViewerStore): void {
    this.#store = store;
    if (store.dagVersion !== this.#dagVersion) {
      this.#dagVersion = store.dagVersion;
      this.#playersVersion = -1;
      this.#rebuild(store.dag);
      this.#lastDraw = -Infinity;
    }
    if (store.dag && store.playersVersion !== this.#playersVersion) {
      this.#playersVersion = store.playersVersion;
      this.#dirty = true;
    }
  }

  animate(now: number): void {
    const store = this.#store;
    const dag = store?.dag;
    if (!this.#dirty || !store || !dag || now - this.#lastDraw < REDRAW_MS) return;
    this.#dirty = false;
    this.#lastDraw = now;
    this.#cards.forEach((card, i) => {
      const model = playerCard(dag, i, store.players.get(i));
      const key = JSON.stringify(model);
      if (key !== card.key) {
        card.key = key;
        drawCard(card.canvas, model);
        card.texture.needsUpdate = true;
      }
    });
    for (const e of this.#edges) {
      const c = parentColor(store.players.get(e.parent)?.action ?? -1);
      e.arrow.setColor(c);
      e.curve?.material.color.copy(c);
    }
  }

  bounds(box: Box3): void {
    for (const c of this.#cards) {
      const p = c.sprite.position;
      box.expandByPoint(v.set(p.x - CARD_W / 2, p.y - c.height / 2, p.z));
      box.expandByPoint(v.set(p.x + CARD_W / 2, p.y + c.height / 2, p.z));
    }
    for (const e of this.#edges) {
      if (!e.curve) continue;
      e.curve.geometry.computeBoundingBox();
      box.union(e.curve.geometry.boundingBox!);
    }
  }

  pick(raycaster: Raycaster, store: ViewerStore): HoverInfo | null {
    const dag = store.dag;
    if (!dag || this.#cards.length === 0) return null;
    const hit = raycaster.intersectObjects(this.#cards.map((c) => c.sprite), false)[0];
    if (!hit) return null;
    const i = this.#cards.findIndex((c) => c.sprite === hit.object);
    const p = dag.players[i];
    const card = playerCard(dag, i, store.players.get(i), p.actions);
    const parents = p.parents.map((k) => dag.players[k]?.name ?? `p${k}`);
    const lines = [
      `plays ${card.action}${card.round >= 0 ? ` (round ${card.round})` : ''}`,
      parents.length > 0 ? `sees ${parents.join(', ')}` : 'root: sees no one',
      ...(card.context ? [`policy given ${card.context}`] : []),
      ...card.bars.slice(0, 12).map((b) => `${b.label}: ${b.value === null ? '–' : b.value.toFixed(3)} (${b.count} plays)`),
    ];
    if (card.bars.length > 12) lines.push(`+${card.bars.length - 12} more actions`);
    return { title: `player ${i}: ${card.name}`, lines, distance: hit.distance };
  }

  dispose(): void {
    this.#rebuild(null);
  }

  #rebuild(dag: DagView | null): void {
    for (const c of this.#cards) {
      this.root.remove(c.sprite);
      c.texture.dispose();
      c.sprite.material.dispose();
    }
    for (const e of this.#edges) {
      this.root.remove(e.arrow);
      e.arrow.dispose();
      if (e.curve) {
        this.root.remove(e.curve);
        e.curve.geometry.dispose();
        e.curve.material.dispose();
      }
    }
    this.#cards = [];
    this.#edges = [];
    if (!dag || dag.players.length === 0) return;

    const layout = layoutDag(dag.players.map((p) => p.parents));
    this.#cards = dag.players.map((_, i) => {
      const model = playerCard(dag, i, undefined);
      const canvas = document.createElement('canvas');
      canvas.width = PX_W;
      canvas.height = cardHeightPx(model);
      drawCard(canvas, model);
      const texture = new CanvasTexture(canvas);
      texture.colorSpace = SRGBColorSpace;
      const sprite = new Sprite(new SpriteMaterial({ map: texture, transparent: true }));
      const height = (CARD_W * canvas.height) / PX_W;
      sprite.scale.set(CARD_W, height, 1);
      sprite.name = `player_${i}`;
      return { sprite, canvas, texture, height, key: JSON.stringify(model) };
    });
    // Every layer as tall as its tallest card; layers top-down, cards left to right.
    const rowHeight: number[] = layout.layers.map((l) => Math.max(0, ...l.map((i) => this.#cards[i].height)));
    let y = 0;
    const rowY = rowHeight.map((h) => {
      const centre = y - h / 2;
      y -= h + GAP_Y;
      return centre;
    });
    const mid = (y + GAP_Y) / 2;
    this.#cards.forEach((c, i) => {
      c.sprite.position.set(layout.x[i] * (CARD_W + GAP_X), rowY[layout.depth[i]] - mid, 0);
      this.root.add(c.sprite);
    });
    dag.players.forEach((p, i) => {
      for (const k of p.parents) {
        const from = this.#cards[k]?.sprite.position;
        const to = this.#cards[i].sprite.position;
        if (!from) continue;
        if (layout.depth[i] - layout.depth[k] > 1) {
          this.#edges.push(this.#sideEdge(k, i));
          continue;
        }
        const start = new Vector3(from.x, from.y - this.#cards[k].height / 2, -0.05);
        const end = new Vector3(to.x, to.y + this.#cards[i].height / 2, -0.05);
        const dir = end.clone().sub(start);
        const length = dir.length();
        if (length < 1e-6) continue;
        const arrow = new ArrowHelper(dir.normalize(), start, length, EDGE.getHex(), Math.min(2.2, length * 0.3), 1.3);
        this.#edges.push({ parent: k, arrow, curve: null });
        this.root.add(arrow);
      }
    });
  }

  /**
   * An edge that skips layers would run through the cards between: it leaves the parent's card
   * at its side, swings out beside the layers in between and enters the child's card from that side.
   */
  #sideEdge(k: number, i: number): Edge {
    const from = this.#cards[k].sprite.position;
    const to = this.#cards[i].sprite.position;
    const side = to.x < from.x ? -1 : 1;
    const start = new Vector3(from.x + (side * CARD_W) / 2, from.y, -0.05);
    const end = new Vector3(to.x + (side * CARD_W) / 2, to.y, -0.05);
    const bulge = GAP_X * 1.2 + Math.abs(start.x - end.x) / 2;
    const curve = new CubicBezierCurve3(start, start.clone().setX(start.x + side * bulge), end.clone().setX(end.x + side * bulge), end);
    const points = curve.getPoints(32);
    const head = 2.2;
    const tipFrom = curve.getPointAt(1 - head / Math.max(curve.getLength(), head + 1e-3));
    const line = new Line(new BufferGeometry().setFromPoints(points.slice(0, -1)), new LineBasicMaterial({ color: EDGE }));
    const arrow = new ArrowHelper(end.clone().sub(tipFrom).normalize(), tipFrom, end.distanceTo(tipFrom), EDGE.getHex(), head, 1.3);
    this.root.add(line, arrow);
    return { parent: k, arrow, curve: line };
  }
}

function parentColor(action: number): Color {
  return action < 0 ? color.copy(EDGE) : armColor(action, color).lerp(EDGE, 0.35);
}

// Canvas layout of a card (pixels): header, current action, context line, one row per bar.
const PAD = 16;
const HEAD = 132;
const ROW = 30;

function cardHeightPx(card: PlayerCard): number {
  return HEAD + card.bars.length * ROW + (card.hidden > 0 ? ROW : 0) + PAD;
}

function drawCard(canvas: HTMLCanvasElement, card: PlayerCard): void {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const W = canvas.width;
  const H = canvas.height;
  ctx.clearRect(0, 0, W, H);
  const accent = `#${armColor(card.actionIndex, color).getHexString()}`;
  ctx.fillStyle = 'rgba(16, 21, 29, 0.94)';
  ctx.strokeStyle = accent;
  ctx.lineWidth = 6;
  ctx.beginPath();
  ctx.roundRect(3, 3, W - 6, H - 6, 18);
  ctx.fill();
  ctx.stroke();

  ctx.textBaseline = 'alphabetic';
  ctx.fillStyle = '#8b96a8';
  ctx.font = '20px system-ui, sans-serif';
  const round = card.round >= 0 ? `round ${card.round}` : 'waiting';
  const roundW = ctx.measureText(round).width;
  ctx.textAlign = 'right';
  ctx.fillText(round, W - PAD, 40);
  ctx.textAlign = 'left';
  ctx.fillStyle = '#d7dee8';
  ctx.font = '600 32px system-ui, sans-serif';
  ctx.fillText(fit(ctx, card.name, W - 2 * PAD - roundW - 10), PAD, 42);

  ctx.fillStyle = '#8b96a8';
  ctx.font = '22px system-ui, sans-serif';
  ctx.fillText('plays', PAD, 84);
  ctx.fillStyle = accent;
  ctx.font = '700 36px system-ui, sans-serif';
  ctx.fillText(fit(ctx, card.action, W - 2 * PAD - 66), PAD + 64, 86);

  ctx.fillStyle = '#8b96a8';
  ctx.font = '20px system-ui, sans-serif';
  ctx.fillText(fit(ctx, card.context ? `given ${card.context}` : card.bars.some((b) => b.value !== null) ? 'root: no parents' : 'no policy yet', W - 2 * PAD), PAD, 118);

  const labelW = 106;
  const valueW = 104;
  const trackX = PAD + labelW;
  const trackW = W - 2 * PAD - labelW - valueW - 8;
  card.bars.forEach((b, k) => {
    const y = HEAD + k * ROW;
    ctx.font = `${b.current ? '700 ' : ''}22px system-ui, sans-serif`;
    ctx.fillStyle = b.current ? '#d7dee8' : '#aab4c3';
    ctx.fillText(fit(ctx, b.label, labelW - 8), PAD, y + 21);
    ctx.fillStyle = '#222c3a';
    ctx.fillRect(trackX, y + 5, trackW, 20);
    if (b.value !== null) {
      ctx.fillStyle = `#${armColor(b.action, color).getHexString()}`;
      ctx.globalAlpha = b.current ? 1 : 0.7;
      ctx.fillRect(trackX, y + 5, Math.max(2, b.value * trackW), 20);
      ctx.globalAlpha = 1;
    }
    ctx.fillStyle = '#aab4c3';
    ctx.font = '19px system-ui, sans-serif';
    ctx.textAlign = 'right';
    ctx.fillText(b.value === null ? '–' : `${b.value.toFixed(2)} · ${compact(b.count)}`, W - PAD, y + 21);
    ctx.textAlign = 'left';
  });
  if (card.hidden > 0) {
    ctx.fillStyle = '#8b96a8';
    ctx.font = '20px system-ui, sans-serif';
    ctx.fillText(`+${card.hidden} less likely actions`, PAD, HEAD + card.bars.length * ROW + 21);
  }
}

/** `text`, cut with an ellipsis to fit `width` pixels in the current font. */
function fit(ctx: CanvasRenderingContext2D, text: string, width: number): string {
  if (ctx.measureText(text).width <= width) return text;
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (ctx.measureText(`${text.slice(0, mid)}…`).width <= width) lo = mid;
    else hi = mid - 1;
  }
  return `${text.slice(0, lo)}…`;
}

/** 1234 -> 1.2k, for pick counts in a narrow column. */
function compact(n: number): string {
  if (n < 1000) return String(n);
  if (n < 1e6) return `${(n / 1e3).toFixed(n < 1e4 ? 1 : 0)}k`;
  return `${(n / 1e6).toFixed(1)}M`;
}
