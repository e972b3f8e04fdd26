/**
 * The transient view of the paper's Fig. 5: for each probe (node, child), the probability that
 * the node forwards to that child, averaged over windows of rounds and over runs, per algorithm.
 * It re-runs the scenario's runs with an observer, so it costs one more `sim` of the scenario.
 */
import { runRng } from '../runTask.js';
import { buildTreeRun, simulateTree } from './multistageExperiment.js';
import type { MultistageScenario } from './schema.js';

export interface TransientSeries {
  algorithm: string;
  /** 'node -> child'. */
  probe: string;
  /** Last round of each window. */
  t: number[];
  probability: number[];
}

export function transientCurves(scenario: MultistageScenario): TransientSeries[] {
  const spec = scenario.transient;
  if (!spec) return [];
  const T = scenario.horizon;
  const windows = Math.ceil(T / spec.window);
  const { tree } = buildTreeRun(scenario, runRng(scenario.seed, 0));
  const probes = spec.probes.map((p) => {
    const node = tree.indexOf(p.node);
    const child = tree.indexOf(p.child);
    let ordinal = 0;
    while (tree.child(node, ordinal) !== child) ordinal++;
    return { node, ordinal, label: `${p.node} -> ${p.child}` };
  });
  const out: TransientSeries[] = [];
  const grid = Int32Array.of(T);
  scenario.algorithms.forEach((alg, a) => {
    const sums = probes.map(() => new Float64Array(windows));
    for (let r = 0; r < scenario.runs; r++) {
      simulateTree(scenario, a, runRng(scenario.seed, r), grid, {
        beforeRound(t, probabilities) {
          const w = Math.floor((t - 1) / spec.window);
          probes.forEach((p, i) => (sums[i][w] += probabilities(t, p.node)[p.ordinal]));
        },
      });
    }
    probes.forEach((p, i) => {
      const t: number[] = [];
      const probability: number[] = [];
      for (let w = 0; w < windows; w++) {
        const end = Math.min(T, (w + 1) * spec.window);
        t.push(end);
        probability.push(sums[i][w] / (scenario.runs * (end - w * spec.window)));
      }
      out.push({ algorithm: alg.label ?? alg.name, probe: p.label, t, probability });
    });
  });
  return out;
}
