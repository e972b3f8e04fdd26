// The live cumulative-regret plot: a canvas redrawn when new regret points arrive (axes, ticks, curve).
import type { ViewerStore } from '../ViewerStore.js';

const AXIS = '#6b7686';
const TEXT = '#a9b4c4';
const CURVE = '#ffb547';

export class RegretPlot {
  readonly #canvas: HTMLCanvasElement;
  readonly #ctx: CanvasRenderingContext2D;
  #version = -1;
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
    if (store.regretVersion === this.#version && size === this.#size) return;
    this.#version = store.regretVersion;
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
    let maxX = 1, maxY = 1e-9;
    for (let i = 0; i < s.length; i += 2) {
      maxX = Math.max(maxX, s[i]);
      maxY = Math.max(maxY, s[i + 1]);
    }
    const [yStep, yTop] = niceAxis(maxY);
    const [xStep, xRight] = niceAxis(maxX);
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
    for (let v = 0; v <= xRight + xStep / 2; v += xStep) {
      ctx.textAlign = v + xStep > xRight + xStep / 2 ? 'right' : 'center'; // the last label stays inside
      ctx.fillText(formatTick(v), left + (v / xRight) * pw + (ctx.textAlign === 'right' ? 4 : 0), top + ph + 4);
    }
    if (s.length < 2) {
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      ctx.fillText('waiting for regret reports…', left + pw / 2, top + ph / 2);
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

/** Tick step (1, 2 or 5 times a power of ten, 3 to 6 ticks) and axis end (a multiple of it) for data up to x. */
function niceAxis(x: number): [number, number] {
  const max = x > 0 ? x : 1;
  const raw = max / 4;
  const p = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * p).find((s) => s >= raw) ?? 10 * p;
  return [step, Math.ceil(max / step - 1e-9) * step];
}

function formatTick(x: number): string {
  if (x === 0) return '0';
  if (Math.abs(x) >= 1e6) return `${+(x / 1e6).toFixed(2)}M`;
  if (Math.abs(x) >= 1e3) return `${+(x / 1e3).toFixed(2)}k`;
  return `${+x.toFixed(3)}`;
}
