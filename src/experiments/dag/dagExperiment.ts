/**
 * One seeded run of the DAG consecutive-play family: players move in topological order, each
 * seeing its parents' actions, and all share one reward of the joint action.
 *
 * Streams (below the run's Rng): 'model' (and 'model/<phase>' for switching phases) draws random
 * reward tables; 'rewards' draws the realised shared reward (the environment's draws, one reward
 * per round); 'algorithm' drives the players, player i on 'algorithm/player/<i>' (the
 * centralized bandit on 'algorithm' itself). The player and environment nodes use the same
 * streams, so the node path reproduces this run bit for bit.
 */
import { Dag } from '../../core/dag/Dag.js';
import { createJointPolicy, playDag, type DagBanditOptions, type DagMode } from '../../core/dag/DagPlay.js';
import { FactorReward, JointRegret, SwitchingReward, TableReward, randomTableMeans, type JointRewardModel, type RewardNoise } from '../../core/dag/JointReward.js';
import type { Rng } from '../../core/random.js';
import type { FamilyExperiment } from '../Family.js';
import { dagScenarioSchema, type DagScenario, type DagStationaryReward } from './schema.js';

export function playerNames(s: DagScenario): string[] {
  return s.players.map((p, i) => p.name ?? `p${i}`);
}

/** The scenario's graph, parents resolved from names to indices (the schema checked them). */
export function dagOf(s: DagScenario): Dag {
  const names = playerNames(s);
  return new Dag(s.players.map((p) => ({ actions: p.actions, parents: p.parents.map((r) => (typeof r === 'number' ? r : names.indexOf(r))) })));
}

function noiseOf(r: DagStationaryReward): RewardNoise {
  return r.distribution === 'bernoulli' ? { kind: 'bernoulli' } : { kind: 'gaussian', sd: r.sd };
}

function stationaryModel(dag: Dag, r: DagStationaryReward, rng: Rng): JointRewardModel {
  if (r.model === 'table') {
    const means = r.means === 'random' ? randomTableMeans(dag.jointActions, r.gap, rng) : r.means;
    return new TableReward(dag, means, noiseOf(r));
  }
  const factors = r.factors.map((f, i) => {
    const A = dag.actions[i];
    const C = dag.contextCounts[i];
    const out = new Float64Array(C * A);
    for (let c = 0; c < C; c++) {
      if (f.values) for (let a = 0; a < A; a++) out[c * A + a] = f.values[c][a];
      else if (f.fit !== undefined) out[c * A + (typeof f.fit === 'number' ? f.fit : f.fit[c])] = 1;
    }
    return out;
  });
  return new FactorReward(dag, { factors, weights: r.factors.map((f) => f.weight ?? 1), base: r.base, scale: r.scale, combine: r.combine, noise: noiseOf(r) });
}

/** The shared reward model of one run (random tables drawn from the run's 'model' streams). */
export function dagRewardModel(s: DagScenario, dag: Dag, runRng: Rng): JointRewardModel {
  const r = s.reward;
  if (r.model !== 'switching') return stationaryModel(dag, r, runRng.stream('model'));
  const starts = r.phases.map((p) => Math.floor(p.at * s.horizon));
  // Phases shorter than a round collapse onto the same start; keep the last of them.
  const keep = starts.map((st, k) => k === starts.length - 1 || starts[k + 1] > st);
  const models = r.phases.map((p, k) => stationaryModel(dag, p.reward, runRng.stream(`model/${k}`)));
  return new SwitchingReward(starts.filter((_, k) => keep[k]), models.filter((_, k) => keep[k]));
}

/** Largest Gaussian noise sd of the scenario's reward models (0 when all are Bernoulli). */
function gaussianSd(s: DagScenario): number {
  const parts = s.reward.model === 'switching' ? s.reward.phases.map((p) => p.reward) : [s.reward];
  return Math.max(0, ...parts.map((r) => (r.distribution === 'gaussian' ? r.sd : 0)));
}

export const DAG_MODES: Record<DagScenario['algorithms'][number]['name'], { mode: DagMode; bandit: 'exp3' | 'ucb1' }> = {
  'dag-exp3': { mode: 'per-context', bandit: 'exp3' },
  'dag-ucb1': { mode: 'per-context', bandit: 'ucb1' },
  'central-exp3': { mode: 'centralized', bandit: 'exp3' },
  'central-ucb1': { mode: 'centralized', bandit: 'ucb1' },
  'indep-exp3': { mode: 'independent', bandit: 'exp3' },
  'indep-ucb1': { mode: 'independent', bandit: 'ucb1' },
};

/**
 * Mode and bandit options of `s.algorithms[index]`. Defaults: UCB1 c = 1 for Bernoulli rewards
 * (Auer et al.), 2 sd for Gaussian; EXP3 maps the model's mean range widened by 3 sd to [0, 1].
 */
export function dagAlgorithm(s: DagScenario, index: number, model: JointRewardModel): { mode: DagMode; options: DagBanditOptions } {
  const entry = s.algorithms[index];
  const { mode, bandit } = DAG_MODES[entry.name];
  const sd = gaussianSd(s);
  const [lo, hi] = model.meanRange;
  const params = entry.params as { gamma?: number; rewardRange?: [number, number]; c?: number; explore?: number };
  const range: [number, number] = params.rewardRange ?? (sd > 0 ? [lo - 3 * sd, hi + 3 * sd] : [Math.min(0, lo), Math.max(1, hi)]);
  return { mode, options: { bandit, horizon: s.horizon, gamma: params.gamma, c: params.c ?? (sd > 0 ? 2 * sd : 1), explore: params.explore, rewardRange: range } };
}

export const dagExperiment: FamilyExperiment<DagScenario> = {
  family: 'dag',
  algorithms: dagScenarioSchema.shape.algorithms.element.options.map((o) => o.shape.name.value),
  runOne(s, algorithmIndex, rng, grid) {
    const dag = dagOf(s);
    const model = dagRewardModel(s, dag, rng);
    const regret = new JointRegret(dag, model, s.horizon);
    const noise = rng.stream('rewards');
    const { mode, options } = dagAlgorithm(s, algorithmIndex, model);
    const policy = createJointPolicy(dag, mode, options, rng.stream('algorithm'));
    return playDag(dag, policy, s.horizon, (t, joint) => model.sample(t, joint, noise), (t, joint) => regret.instant(t, joint), grid);
  },
};
