// One seeded run of the erasure family: determinism, common random numbers across algorithms,
// and an independent rebuild from the documented streams (what a node implementation does).
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { KeepLastAgent } from '../../../src/core/erasure/KeepLastAgent.js';
import { Rng } from '../../../src/core/random.js';
import { createChannel } from '../../../src/envs/channels/createChannel.js';
import { createErasureLearner } from '../../../src/experiments/erasure/createErasureLearner.js';
import { buildErasureRun, erasureExperiment } from '../../../src/experiments/erasure/erasureExperiment.js';
import { erasureScenarioSchema, type ErasureScenario } from '../../../src/experiments/erasure/schema.js';

const quick: ErasureScenario = erasureScenarioSchema.parse(parse(readFileSync('sim/scenarios/erasure-quick.yaml', 'utf8')));
/** erasure-quick without adaptive's blind mode, which refuses delay links (it counts repetitions from the send round). */
const quickForDelays = { ...quick, algorithms: quick.algorithms.filter((a) => !(a.name === 'adaptive' && (a.params as { feedback?: string } | undefined)?.feedback === 'none')) };
const fullGrid = (T: number) => Int32Array.from({ length: T }, (_, i) => i + 1);
const sameBits = (a: Float64Array, b: Float64Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));

describe('erasureExperiment', () => {
  it('lists the family and its algorithms', () => {
    expect(erasureExperiment.family).toBe('erasure');
    expect(erasureExperiment.algorithms).toEqual(['batchsp2', 'ma-ucb', 'ma-sae', 'ma-lsae-h', 'ma-lsae-v', 'batchsp2-anytime', 'tpg', 'sp2-feedback', 'adaptive']);
  });

  it.each(quick.algorithms.map((a, i) => [a.name, i] as const))('%s: same seed, same curve bit for bit; non-decreasing regret on the grid', (_name, i) => {
    const grid = Int32Array.from([1, 10, 100, 1000, 2999, 3000]);
    const a = erasureExperiment.runOne(quick, i, new Rng(quick.seed).stream('run/0'), grid);
    const b = erasureExperiment.runOne(quick, i, new Rng(quick.seed).stream('run/0'), grid);
    expect(a).toHaveLength(grid.length);
    expect(sameBits(a, b)).toBe(true);
    for (let g = 1; g < a.length; g++) expect(a[g]).toBeGreaterThanOrEqual(a[g - 1]);
    const other = erasureExperiment.runOne(quick, i, new Rng(quick.seed).stream('run/1'), grid);
    expect(sameBits(a, other)).toBe(false);
  });

  it('gives every algorithm the same links, base actions and arm order (common random numbers)', () => {
    const rng = new Rng(3).stream('run/0');
    const A = buildErasureRun(quick, rng);
    const B = buildErasureRun(quick, rng);
    expect(Array.from(A.rewards.means)).toEqual(Array.from(B.rewards.means));
    const M = A.environment.agents;
    const K = A.rewards.arms;
    const cmdA = new Int32Array(M);
    const cmdB = new Int32Array(M);
    const playedA = new Int32Array(M);
    const playedB = new Int32Array(M);
    const r = new Float64Array(M);
    for (let t = 0; t < 500; t++) {
      // Different commands, same deliveries: B is always A's command shifted by one arm.
      cmdA.fill(t % K);
      cmdB.fill((t + 1) % K);
      A.environment.step(t, cmdA, playedA, r);
      B.environment.step(t, cmdB, playedB, r);
      for (let j = 0; j < M; j++) {
        const shifted = (playedA[j] + 1) % K === playedB[j];
        const bothBase = playedA[j] === playedB[j];
        expect(shifted || bothBase, `round ${t} agent ${j}`).toBe(true);
      }
    }
  });

  it('is reproduced exactly by objects rebuilt from the documented stream names and draw order', () => {
    const s = erasureScenarioSchema.parse({
      ...quickForDelays,
      agents: {
        list: [
          { eps: 0.3 },
          { channel: { type: 'gilbert-elliott', pGoodToBad: 0.1, pBadToGood: 0.3 }, epsBound: 0.5 },
          { eps: 0.5, channel: { type: 'delay', delay: { type: 'geometric', p: 0.4 }, reorder: true } },
          { channel: { type: 'schedule', segments: [{ from: 0, eps: 0.2 }, { from: 1000, eps: 0.9 }] } },
        ],
      },
    });
    const T = s.horizon;
    for (let index = 0; index < s.algorithms.length; index++) {
      const runRng = new Rng(s.seed).stream('run/4');
      const expected = erasureExperiment.runOne(s, index, runRng, fullGrid(T));

      // What the learner, link and agent nodes hold, built by hand.
      const means = [...s.arms.means];
      runRng.stream('arms').shuffle(means);
      const best = Math.max(...means);
      const links = [
        createChannel({ type: 'erasure', eps: 0.3 }, runRng.stream('channel/0')),
        createChannel({ type: 'gilbert-elliott', pGoodToBad: 0.1, pBadToGood: 0.3 }, runRng.stream('channel/1')),
        createChannel({ type: 'delay', eps: 0.5, delay: { type: 'geometric', p: 0.4 }, reorder: true }, runRng.stream('channel/2')),
        createChannel({ type: 'schedule', segments: [{ from: 0, eps: 0.2 }, { from: 1000, eps: 0.9 }] }, runRng.stream('channel/3')),
      ];
      const agents = links.map((_, j) => new KeepLastAgent({ arms: means.length, rng: runRng.stream(`agent/${j}`) }));
      const noise = links.map((_, j) => runRng.stream(`agent/${j}/reward`));
      const learner = createErasureLearner(s, index, Float64Array.from([0.3, 0.5, 0.5, 0.9]), runRng.stream('algorithm'));
      const inFlight: { at: number; sent: number; arm: number }[][] = links.map(() => []);
      const cmd = new Int32Array(4);
      const rewards = new Float64Array(4);
      const curve = new Float64Array(T);
      let regret = 0;
      for (let t = 0; t < T; t++) {
        learner.nextCommands(t, cmd);
        let roundRegret = 0;
        for (let j = 0; j < 4; j++) {
          const at = links[j].send(t);
          if (at >= 0) inFlight[j].push({ at, sent: t, arm: cmd[j] });
          for (const m of inFlight[j].filter((m) => m.at <= t)) agents[j].receive(m.sent, m.arm);
          inFlight[j] = inFlight[j].filter((m) => m.at > t);
          const arm = agents[j].play();
          rewards[j] = noise[j].normal(means[arm], Math.sqrt(s.arms.distribution === 'gaussian' ? s.arms.variance : 0));
          roundRegret += best - means[arm];
        }
        // The monitor sums the round over agents first, then over rounds (float order matters).
        regret += roundRegret;
        learner.observe(t, rewards);
        curve[t] = regret;
      }
      expect(sameBits(curve, expected), s.algorithms[index].name).toBe(true);
    }
  });

  it('delivers delayed commands late, in order without reordering', () => {
    const s = erasureScenarioSchema.parse({
      ...quickForDelays,
      agents: { list: [{ eps: 0, channel: { type: 'delay', delay: { type: 'fixed', rounds: 3 } } }] },
    });
    const run = buildErasureRun(s, new Rng(1).stream('run/0'));
    const base = new KeepLastAgent({ arms: 5, rng: new Rng(1).stream('run/0').stream('agent/0') }).baseAction;
    const played = new Int32Array(1);
    const r = new Float64Array(1);
    const seen: number[] = [];
    for (let t = 0; t < 8; t++) {
      run.environment.step(t, Int32Array.of(t % 5), played, r);
      seen.push(played[0]);
    }
    expect(seen).toEqual([base, base, base, 0, 1, 2, 3, 4]);
  });
});
