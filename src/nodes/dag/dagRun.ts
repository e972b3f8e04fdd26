/**
 * What the DAG nodes of one run share, built from the same streams as `sim` (dagExperiment):
 * the graph, the reward model, the regret reference and each algorithm's mode and options.
 * One object per scenario object, so the embedded nodes of a run build it once.
 */
import type { Dag } from '../../core/dag/Dag.js';
import type { DagBanditOptions, DagMode } from '../../core/dag/DagPlay.js';
import { JointRegret, type JointRewardModel } from '../../core/dag/JointReward.js';
import { dagAlgorithm, dagOf, dagRewardModel, playerNames } from '../../experiments/dag/dagExperiment.js';
import type { DagScenario } from '../../experiments/dag/schema.js';
import type { ScenarioBase } from '../../experiments/Family.js';
import type { RunContext } from '../runContext.js';

export interface DagRun {
  scenario: DagScenario;
  dag: Dag;
  names: string[];
  model: JointRewardModel;
  regret: JointRegret;
  mode: DagMode;
  options: DagBanditOptions;
}

const cache = new WeakMap<ScenarioBase, Map<string, DagRun>>();

export function dagRunOf(ctx: RunContext, nodeName: string): DagRun {
  if (ctx.scenario.family !== 'dag') throw new Error(`scenario family '${ctx.scenario.family}' is not 'dag' [node=${nodeName}]`);
  const s = ctx.scenario as DagScenario;
  let perScenario = cache.get(s);
  if (!perScenario) {
    perScenario = new Map();
    cache.set(s, perScenario);
  }
  const key = `${ctx.rng.key}#${ctx.algorithmIndex}`;
  let run = perScenario.get(key);
  if (!run) {
    const dag = dagOf(s);
    const model = dagRewardModel(s, dag, ctx.rng);
    const { mode, options } = dagAlgorithm(s, ctx.algorithmIndex, model);
    run = { scenario: s, dag, names: playerNames(s), model, regret: new JointRegret(dag, model, s.horizon), mode, options };
    perScenario.set(key, run);
  }
  return run;
}
