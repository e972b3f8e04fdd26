import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { DagScenario } from '../../../src/experiments/dag/schema.js';
import { dagOf, dagRewardModel } from '../../../src/experiments/dag/dagExperiment.js';
import { runExperiment } from '../../../src/experiments/runExperiment.js';
import { loadScenario, parseScenarioText } from '../../../src/experiments/scenario/loadScenario.js';
import { ScenarioError } from '../../../src/experiments/scenario/ScenarioError.js';
import { runRng } from '../../../src/experiments/runTask.js';
import { JointRegret } from '../../../src/core/dag/JointReward.js';

const base = {
  name: 't',
  family: 'dag',
  horizon: 100,
  players: [
    { name: 'leader', actions: 2 },
    { name: 'follower', actions: 3, parents: ['leader'] },
  ],
  reward: { model: 'table', means: 'random' },
  algorithms: [{ name: 'dag-ucb1' }],
};

function errorsOf(doc: object): string[] {
  try {
    parseScenarioText(stringify(doc), 'x.yaml');
  } catch (e) {
    if (e instanceof ScenarioError) return e.message.split('\n');
    throw e;
  }
  return [];
}

describe('dag scenarios', () => {
  it('the shipped scenarios load, with the graphs and best joint actions they describe', () => {
    const best = (file: string) => {
      const s = loadScenario(file).scenario as DagScenario;
      const dag = dagOf(s);
      return { s, dag, best: Array.from(new JointRegret(dag, dagRewardModel(s, dag, runRng(s.seed, 0)), s.horizon).best) };
    };
    const seven = best('sim/scenarios/dag-seven.yaml');
    expect(seven.dag.parents).toEqual([[], [0], [1], [2], [0], [0], [4, 5]]);
    expect(seven.best).toEqual([1, 0, 1, 1, 0, 1, 0]);
    const drones = best('sim/scenarios/dag-leader-drones.yaml');
    expect(drones.best).toEqual([2, 0, 1, 2]); // south; relay, camera, spare
    expect(best('sim/scenarios/dag-stackelberg.yaml').dag.actions).toEqual([3, 3]);
    expect(best('sim/scenarios/dag-quick.yaml').dag.contextCounts).toEqual([1, 2, 6]);
  });

  it('a cyclic graph is an error at load naming the field and the cycle', () => {
    const doc = { ...base, players: [{ name: 'a', actions: 2, parents: ['b'] }, { name: 'b', actions: 2, parents: ['a'] }] };
    expect(errorsOf(doc)).toEqual(['x.yaml: players[0].parents: the graph has a cycle: 0 -> 1 -> 0 (a -> b: b observes a)']);
  });

  it('unknown parents, duplicate names, bad label counts are errors at load', () => {
    const doc = {
      ...base,
      players: [
        { name: 'a', actions: 2, labels: ['x'] },
        { name: 'a', actions: 2, parents: ['zz', 5] },
      ],
    };
    expect(errorsOf(doc)).toEqual([
      "x.yaml: players[1].name: 'a' is already the name of player 0",
      "x.yaml: players[1].parents[0]: no player is named 'zz'; names: a, a",
      'x.yaml: players[1].parents[1]: player 5 does not exist (players 0..1)',
      'x.yaml: players[0].labels: 1 labels for 2 actions',
    ]);
    // labels travel as ROS 2 strings (DagTopology): printable ASCII only
    const accented = { ...base, players: [{ name: 'a', actions: 2, labels: ['nord', 'süd'] }] };
    expect(errorsOf(accented)).toEqual(['x.yaml: players[0].labels[1]: must be 1 to 40 printable ASCII characters']);
  });

  it('an action index out of range in a fit table is an error at load', () => {
    const doc = { ...base, reward: { model: 'factors', factors: [{ fit: 1 }, { fit: [0, 3] }] } };
    expect(errorsOf(doc)).toEqual(['x.yaml: reward.factors[1].fit[1]: action 3 is out of range (player follower has actions 0..2)']);
    const rows = { ...base, reward: { model: 'factors', factors: [{ fit: 1 }, { values: [[0, 1, 0]] }] } };
    expect(errorsOf(rows)).toEqual(['x.yaml: reward.factors[1].values: needs one row per parent context (2), found 1']);
  });

  it('tables need one mean per joint action, Bernoulli means in [0, 1], phases in order', () => {
    expect(errorsOf({ ...base, reward: { model: 'table', means: [0.1, 0.2] } })).toEqual(['x.yaml: reward.means: needs 6 means (one per joint action, player 0 fastest), found 2']);
    expect(errorsOf({ ...base, reward: { model: 'table', means: [0, 0, 0, 0, 0, 1.5] } })).toEqual(['x.yaml: reward.means[5]: a Bernoulli mean must be in [0, 1], found 1.5']);
    const phases = { model: 'switching', phases: [{ at: 0.5, reward: { model: 'table', means: 'random' } }, { at: 0.2, reward: { model: 'table', means: 'random' } }] };
    expect(errorsOf({ ...base, reward: phases })).toEqual([
      'x.yaml: reward.phases[0].at: the first phase must start at 0',
      'x.yaml: reward.phases[1].at: phases must start in increasing order (0.2 after 0.5)',
    ]);
  });

  it('a switching (adversarial) scenario: EXP3 regret against the best fixed joint action is sub-linear, negative after the switch', async () => {
    const doc = {
      ...base,
      horizon: 6000,
      runs: 3,
      reward: {
        model: 'switching',
        phases: [
          { at: 0, reward: { model: 'table', means: 'random', gap: 0.3 } },
          { at: 0.5, reward: { model: 'table', means: 'random', gap: 0.3 } },
        ],
      },
      algorithms: [{ name: 'dag-exp3' }],
    };
    const { scenario } = parseScenarioText(stringify(doc), 'x.yaml');
    const [a] = (await runExperiment(scenario, { workers: 0 })).algorithms;
    expect(a.rates.average).toBeLessThan(0.1);
    expect(a.rates.lastQuarter).toBeLessThan(0);
  });

  it('a switching model with one phase gives exactly the regret of its table', async () => {
    const table = { model: 'table', means: [0.1, 0.5, 0.2, 0.9, 0.3, 0.4] };
    const plain = parseScenarioText(stringify({ ...base, runs: 2, reward: table, algorithms: [{ name: 'dag-exp3' }, { name: 'dag-ucb1' }] }), 'x.yaml').scenario;
    const switching = parseScenarioText(stringify({ ...base, runs: 2, reward: { model: 'switching', phases: [{ at: 0, reward: table }] }, algorithms: [{ name: 'dag-exp3' }, { name: 'dag-ucb1' }] }), 'x.yaml').scenario;
    const a = await runExperiment(plain, { workers: 0 });
    expect(a.algorithms[1].finalRegret.mean).toBeGreaterThan(0);
    expect(await runExperiment(switching, { workers: 0 })).toEqual(a);
  });
});
