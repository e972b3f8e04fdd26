/** Rectangular grid site graphs (4-neighbour), with positions in metres for the viewer and travel times. */
import { buildGraph, type Graph } from './Graph.js';

export interface GridOptions {
  /** Distance between neighbouring sites, metres. Default 1. */
  spacing?: number;
  /** Height of every site (z), metres. Default 0. */
  altitude?: number;
}

/** Site `r * cols + c` is named `r<r>c<c>` and sits at x = c * spacing, y = r * spacing. */
export function gridGraph(rows: number, cols: number, options: GridOptions = {}): Graph {
  const { spacing = 1, altitude = 0 } = options;
  if (!Number.isInteger(rows) || rows < 1 || !Number.isInteger(cols) || cols < 1) {
    throw new Error(`gridGraph: rows and cols must be positive integers, found ${rows} x ${cols}`);
  }
  if (!(spacing > 0)) throw new Error(`gridGraph: spacing must be a positive number of metres, found ${spacing}`);
  const size = rows * cols;
  const ids: string[] = [];
  const positions = new Float64Array(3 * size);
  const edges: number[] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const k = r * cols + c;
      ids.push(`r${r}c${c}`);
      positions[3 * k] = c * spacing;
      positions[3 * k + 1] = r * spacing;
      positions[3 * k + 2] = altitude;
      if (c + 1 < cols) edges.push(k, k + 1);
      if (r + 1 < rows) edges.push(k, k + cols);
    }
  }
  return buildGraph({ size, ids, edges, positions, source: `grid ${rows} x ${cols}` });
}
