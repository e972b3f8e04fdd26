/**
 * A multi-stage scenario's `tree` field as a TreeProblem. Bernoulli panels shuffle their leaf
 * means per run from the run's 'tree/means' stream; the other kinds are fixed.
 */
import type { Rng } from '../../core/random.js';
import { bernoulliPanel } from '../../envs/tree/bernoulliPanel.js';
import { layeredProblem } from '../../envs/tree/layeredProblem.js';
import { mecProblem } from '../../envs/tree/mecProblem.js';
import type { TreeProblem } from '../../envs/tree/TreeProblem.js';
import type { MultistageScenario } from './schema.js';

export function resolveTreeProblem(scenario: MultistageScenario, runRng: Rng): TreeProblem {
  const t = scenario.tree;
  switch (t.type) {
    case 'explicit':
      return { tree: { root: t.root, children: t.children }, leaves: t.leaves, links: t.links, deadline: t.deadline };
    case 'bernoulli-panel':
      return bernoulliPanel(t, runRng.stream('tree/means'));
    case 'mec':
      return mecProblem(t);
    case 'layered':
      return layeredProblem(t);
  }
}
