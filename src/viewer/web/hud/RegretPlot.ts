// The live cumulative-regret plot: a canvas redrawn when new regret points arrive (axes, ticks, curve).
import type { ViewerStore } from '../ViewerStore.js';

const AXIS = '#6b7686';
const TEXT = '#a9b4c4';
const CURVE = '#ffb547';

export class RegretPlot {
  readonly #canvas: HTMLCanvasElement;
  readonly #ctx: CanvasRenderingContext2D;
  #version = '';
  #size = '';
  #points = 0;

  constructor(canvas: HTMLCanvasElement) {
    this.#canvas = canvas;
    this.#ctx = canvas.getContext('2d')!;
  }

  /** Points drawn by the last redraw. */
  get pointCount(): number {
    return this.#points;
  }

  update(store: ViewerStore): void {
    const dpr = Math.min(window.devicePixelRatio || 1, 2);
    const w = this.#canvas.clientWidth;
    const h = this.#canvas.clientHeight;
    const size = `${w}x${h}@${dpr}`;
    const version = `${store.regretVersion}|${store.runVersion}`;
    if (version === this.#version && size === this.#size) return;
    this.#version = version;
    if (size !== this.#size) {
      this.#size = size;
      this.#canvas.width = Math.max(1, Math.round(w * dpr));
      this.#canvas.height = Math.max(1, Math.round(h * dpr));
    }
    const ctx = this.#ctx;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, w, h);
    const s = store.regretSeries;
    this.#points = s.length >> 1;
    const left = 44, right = 8, top = 8, bottom = 18;
    const pw = w - left - right, ph = h - top - bottom;
    if (pw <= 0 || ph <= 0) return;
    let maxX = 1, maxY = 0;
    for (let i = 0; i < s.length; i += 2) {
      maxX = Math.max(maxX, s[i]);
      maxY = Math.max(maxY, s[i + 1]);
    }
    const { yStep, yTop, xTicks, xRight } = plotAxes(maxX, maxY, store.run?.horizon ?? null);
    ctx.font = '10px system-ui, sans-serif';
    ctx.strokeStyle = AXIS;
    ctx.fillStyle = TEXT;
    ctx.lineWidth = 1;
    ctx.beginPath();
    ctx.moveTo(left, top);
    ctx.lineTo(left, top + ph);
    ctx.lineTo(left + pw, top + ph);
    ctx.stroke();
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    for (let v = 0; v <= yTop + yStep / 2; v += yStep) {
      const y = top + ph - (v / yTop) * ph;
      ctx.globalAlpha = 0.25;
      ctx.beginPath();
      ctx.moveTo(left, y);
      ctx.lineTo(left + pw, y);
      ctx.stroke();
      ctx.globalAlpha = 1;
      ctx.fillText(formatTick(v), left - 4, y);
    }
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    for (let i = 0; i < xTicks.length; i++) {
      const v = xTicks[i];
      ctx.textAlign = i === xTicks.length - 1 && i > 0 ? 'right' : 'center'; // the last label stays inside
      ctx.fillText(formatTick(v), left + (v / xRight) * pw + (ctx.textAlign === 'right' ? 4 : 0), top + ph + 4);
    }
    if (s.length < 2) {
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      ctx.fillText('waiting for regret reports…', left + pw / 2, top + ph / 2);
      return;
    }
    if (s.length === 2) {
      // One round so far (a replay paused at its first frame): a dot, not an invisible line.
      ctx.fillStyle = CURVE;
      ctx.beginPath();
      ctx.arc(left + (s[0] / xRight) * pw, top + ph - (s[1] / yTop) * ph, 2.5, 0, 2 * Math.PI);
      ctx.fill();
      return;
    }
    ctx.strokeStyle = CURVE;
    ctx.lineWidth = 1.6;
    ctx.beginPath();
    for (let i = 0; i < s.length; i += 2) {
      const x = left + (s[i] / xRight) * pw;
      const y = top + ph - (s[i + 1] / yTop) * ph;
      if (i === 0) ctx.moveTo(x, y);
      else ctx.lineTo(x, y);
    }
    ctx.stroke();
  }
}

/**
 * Axes of the regret plot: y from 0 to a nice multiple of its step above the data (0 to 1 while
 * the regret is still 0: never a degenerate axis); x from 0 to the run's horizon when known (the
 * data may pass it only in a run started over), with nice ticks and the horizon as the last one.
 */
export function plotAxes(maxX: number, maxY: number, horizon: number | null): { yStep: number; yTop: number; xTicks: number[]; xRight: number } {
  const [yStep, yTop] = niceAxis(maxY > 1e-12 ? maxY : 1);
  if (horizon === null || !(horizon > 0) || maxX > horizon) {
    const [xStep, xRight] = niceAxis(maxX);
    const xTicks: number[] = [];
    for (let v = 0; v <= xRight + xStep / 2; v += xStep) xTicks.push(v);
    return { yStep, yTop, xTicks, xRight };
  }
  const [xStep] = niceAxis(horizon);
  const xTicks: number[] = [];
  // Nice ticks below the horizon, none too close to it for its label.
  for (let v = 0; v < horizon - 0.45 * xStep; v += xStep) xTicks.push(v);
  xTicks.push(horizon);
  return { yStep, yTop, xTicks, xRight: horizon };
}

/** Tick step (1, 2 or 5 times a power of ten, 3 to 6 ticks) and axis end (a multiple of it) for data up to x. */
export function niceAxis(x: number): [number, number] {
  const max = x > 0 ? x : 1;
  const raw = max / 4;
  const p = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * p).find((s) => s >= raw) ?? 10 * p;
  return [step, Math.ceil(max / step - 1e-9) * step];
}

/** Short tick label: 0, 0.0025, 12.5, 1.5k, 2M (three significant digits at most). */
export function formatTick(x: number): string {
  if (x === 0) return '0';
  if (Math.abs(x) >= 1e6) return `${+(x / 1e6).toPrecision(3)}M`;
  if (Math.abs(x) >= 1e3) return `${+(x / 1e3).toPrecision(3)}k`;
  return `${+x.toPrecision(3)}`;
}
