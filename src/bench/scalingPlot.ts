/** The bench's scaling plot: seconds per round against problem size, one panel per axis, log-log (vega-lite, headless SVG). */
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

export interface ScalingPoint {
  axis: 'arms' | 'agents' | 'sites' | 'robots';
  size: number;
  secondsPerRound: number;
}

const LABEL: Record<ScalingPoint['axis'], string> = {
  arms: 'arms K (erasure, BatchSP2, M = 20)',
  agents: 'agents M (erasure, BatchSP2, K = 10)',
  sites: 'sites K (coverage, Multi-G-UCB, N = 10)',
  robots: 'robots N (coverage, Multi-G-UCB, K = 1,000)',
};

export function scalingSpec(points: readonly ScalingPoint[], machine: { cores: number; cpu: string; node: string; date: string }): TopLevelSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: 'fleet-bandits: time per round against problem size', subtitle: `npm run bench, ${machine.cores} cores, ${machine.cpu}, Node ${machine.node}, ${machine.date.slice(0, 10)}` },
    data: { values: points.map((p) => ({ ...p, panel: LABEL[p.axis], microseconds: p.secondsPerRound * 1e6 })) },
    facet: { field: 'panel', type: 'nominal', title: null, sort: Object.values(LABEL) },
    columns: 2,
    spec: {
      width: 300,
      height: 200,
      layer: [
        { mark: { type: 'line', point: true }, encoding: { x: { field: 'size', type: 'quantitative', scale: { type: 'log' }, title: 'size' }, y: { field: 'microseconds', type: 'quantitative', scale: { type: 'log' }, title: 'µs per round' } } },
      ],
    },
    resolve: { scale: { x: 'independent' } },
    config: { font: 'sans-serif' },
  };
}

export async function renderScalingSvg(points: readonly ScalingPoint[], machine: { cores: number; cpu: string; node: string; date: string }): Promise<string> {
  const view = new vega.View(vega.parse(compile(scalingSpec(points, machine)).spec), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  return svg;
}
