/**
 * A fixed line style per algorithm name, so an algorithm keeps its colour across every plot a
 * study makes. Colours are the Okabe-Ito palette (safe for the common colour-vision
 * deficiencies; its yellow is left out, too pale on white), each with a dash pattern so that
 * plots stay readable in grey print. Names not in the table (new families) get a slot from a
 * hash of the name: deterministic, and independent of what else is in the plot.
 */

export interface LineStyle {
  /** CSS colour. */
  color: string;
  /** SVG stroke-dasharray lengths in pixels; empty = solid. */
  dash: number[];
}

export const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000'] as const;
export const DASHES: readonly number[][] = [[], [8, 4], [2, 3], [8, 3, 2, 3]];

const [blue, vermillion, green, purple, orange, sky, black] = PALETTE;
const [solid, dashed, dotted, dashDot] = DASHES;

/** Algorithms of the registered families; one family's algorithms never share a style. */
const TABLE: Readonly<Record<string, LineStyle>> = {
  // bandit
  ucb1: { color: blue, dash: solid },
  sae: { color: green, dash: dashed },
  exp3: { color: orange, dash: dotted },
  uniform: { color: black, dash: dashDot },
  // erasure
  batchsp2: { color: blue, dash: solid },
  'batchsp2-anytime': { color: sky, dash: dashed },
  'ma-ucb': { color: orange, dash: dotted },
  'ma-sae': { color: green, dash: dashDot },
  'ma-lsae-h': { color: vermillion, dash: dashed },
  'ma-lsae-v': { color: purple, dash: solid },
  tpg: { color: black, dash: dotted },
  'sp2-feedback': { color: sky, dash: dashDot },
  adaptive: { color: vermillion, dash: dashDot },
  // coverage
  'multi-g-ucb': { color: blue, dash: solid },
  'multi-g-ucb-median': { color: sky, dash: dashed },
  'multi-g-ucb-max': { color: purple, dash: dashDot },
  'indv-g-ucb': { color: vermillion, dash: dotted },
  // multistage (exp3 as in bandit)
  'eps-exp3': { color: blue, dash: solid },
  'eps-exp3-anytime': { color: sky, dash: dashed },
  'broad-omd': { color: green, dash: dashDot },
  'exp3-auer': { color: vermillion, dash: solid },
  'normalized-eg': { color: purple, dash: dashed },
  // dag
  'dag-exp3': { color: blue, dash: solid },
  'dag-ucb1': { color: sky, dash: dashed },
  'central-exp3': { color: green, dash: dotted },
  'central-ucb1': { color: purple, dash: dashDot },
  'indep-exp3': { color: vermillion, dash: dashed },
  'indep-ucb1': { color: orange, dash: solid },
};

const SLOTS = PALETTE.length * DASHES.length;

function slotStyle(slot: number): LineStyle {
  return { color: PALETTE[slot % PALETTE.length], dash: DASHES[Math.floor(slot / PALETTE.length) % DASHES.length] };
}

/** FNV-1a over the UTF-16 code units: a stable slot for names the table does not know. */
function hashSlot(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    h ^= name.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % SLOTS;
}

/** The style of one algorithm name, whatever else is plotted. */
export function algorithmStyle(name: string): LineStyle {
  return TABLE[name] ?? slotStyle(hashSlot(name));
}

const key = (s: LineStyle) => `${s.color}|${s.dash.join(',')}`;

/**
 * Styles for the series of one plot, in order. A series whose style is already taken (the same
 * algorithm twice with different parameters, or two overlaid result directories) keeps its
 * colour with the next free dash pattern, else takes the next free slot.
 */
export function assignStyles(names: readonly string[]): LineStyle[] {
  const used = new Set<string>();
  return names.map((name) => {
    const base = algorithmStyle(name);
    const d0 = Math.max(0, DASHES.findIndex((d) => d.join() === base.dash.join()));
    let style = base;
    for (let d = 1; used.has(key(style)) && d < DASHES.length; d++) style = { color: base.color, dash: DASHES[(d0 + d) % DASHES.length] };
    for (let s = 0; used.has(key(style)) && s < SLOTS; s++) style = slotStyle((hashSlot(name) + s) % SLOTS);
    used.add(key(style));
    return style;
  });
}
