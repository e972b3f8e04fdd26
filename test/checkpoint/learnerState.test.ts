// Learner and planner state saved and restored by replay (saveState / restoreState): for every
// algorithm of the bandit, erasure and coverage families, a fresh learner restored from the JSON
// of another one's state after 60 rounds has equal statistics, and from then on both choose the
// same commands on the same inputs (so the random generator's position was restored too).
import { describe, expect, it } from 'vitest';
import type { LearnerStateJson } from '../../src/core/checkpoint/stateJson.js';
import { decodeFloat, encodeFloat } from '../../src/core/checkpoint/stateJson.js';
import { replayablePlanner } from '../../src/core/graph/ReplayablePlanner.js';
import { Rng } from '../../src/core/random.js';
import { createCoveragePlanner } from '../../src/experiments/coverage/createCoveragePlanner.js';
import type { CoverageScenario } from '../../src/experiments/coverage/schema.js';
import { withOverrides } from '../../src/experiments/runExperiment.js';
import { runRng } from '../../src/experiments/runTask.js';
import { loadScenario } from '../../src/experiments/scenario/loadScenario.js';
import { coverageWorldOf } from '../../src/nodes/graph/coverageContext.js';
import { replayable, type ReplayableRoundLearner } from '../../src/nodes/rounds/replayableLearner.js';
import { roundFamilyOf } from '../../src/nodes/rounds/roundFamilies.js';

const viaJson = (s: LearnerStateJson): LearnerStateJson => JSON.parse(JSON.stringify(s)) as LearnerStateJson;

describe('float encoding', () => {
  it('round-trips doubles bit for bit through JSON, NaN and the infinities as strings', () => {
    const xs = [0.1 + 0.2, Math.PI, 5e-324, -1.7976931348623157e308, 1 / 3, NaN, Infinity, -Infinity];
    const back = (JSON.parse(JSON.stringify(xs.map(encodeFloat))) as unknown[]).map((v, i) => decodeFloat(v, `x[${i}]`));
    expect(Buffer.from(Float64Array.from(back).buffer)).toEqual(Buffer.from(Float64Array.from(xs).buffer));
    expect(() => decodeFloat('nan', 'x')).toThrow(/x: expected a number/);
  });
});

/** Plays rounds [from, to): commands, random uplink bits, rewards (some lost), every 37th round skipped. */
function play(l: ReplayableRoundLearner, from: number, to: number, M: number, seen: number[][]) {
  const cmd = new Int32Array(M);
  const bits = new Uint8Array(M);
  const rewards = new Float64Array(M);
  for (let r = from; r < to; r++) {
    if (r % 37 === 5) {
      l.skip(r);
      continue;
    }
    const rng = new Rng('inputs').stream(String(r));
    l.commands(r, cmd);
    seen.push(Array.from(cmd));
    if (l.hear) {
      for (let j = 0; j < M; j++) bits[j] = rng.int(4);
      l.hear(r, bits);
    }
    for (let j = 0; j < M; j++) rewards[j] = cmd[j] >= 0 && rng.uniform() < 0.7 ? rng.uniform() : NaN;
    l.observe(r, rewards);
  }
}

const roundCases: [string, string][] = [];
for (const file of ['sim/scenarios/erasure-quick.yaml', 'sim/scenarios/erasure-feedback.yaml', 'sim/scenarios/single-agent.yaml']) {
  for (const a of loadScenario(file).scenario.algorithms) roundCases.push([file, a.label ?? a.name]);
}

describe('round learners (bandit, erasure): restore by replay', () => {
  it.each(roundCases)('%s, %s', (file, alg) => {
    const base = loadScenario(file).scenario;
    const s = { ...withOverrides(base, { horizon: 400, seed: 3 }), algorithms: base.algorithms };
    const index = base.algorithms.findIndex((a) => (a.label ?? a.name) === alg);
    const family = roundFamilyOf(s);
    const M = family.agents(s);
    const fresh = () => replayable(family.createLearner(s, index, runRng(s.seed, 0)), M);
    const a = fresh();
    play(a, 0, 60, M, []);
    const saved = viaJson(a.saveState());
    expect(saved.rounds).toBe(60);
    const b = fresh();
    expect(JSON.stringify(b.saveState().statistics)).not.toBe(JSON.stringify(saved.statistics)); // something was learned
    b.restoreState(saved);
    expect(b.snapshot()).toEqual(a.snapshot());
    expect(JSON.stringify(b.saveState())).toBe(JSON.stringify(saved));
    const seenA: number[][] = [];
    const seenB: number[][] = [];
    play(a, 60, 160, M, seenA);
    play(b, 60, 160, M, seenB);
    expect(seenB).toEqual(seenA);
    expect(JSON.stringify(b.saveState().statistics)).toBe(JSON.stringify(a.saveState().statistics));
    expect(() => b.restoreState(saved)).toThrow(/fresh/);
  });

  it('a state that does not reproduce its statistics (tampered reward) is refused', () => {
    const file = 'sim/scenarios/erasure-quick.yaml';
    const s = loadScenario(file).scenario;
    const family = roundFamilyOf(s);
    const M = family.agents(s);
    const a = replayable(family.createLearner(s, 1, runRng(s.seed, 0)), M);
    play(a, 0, 60, M, []);
    const saved = viaJson(a.saveState());
    const op = saved.ops.find((o) => Array.isArray(o) && o[0] === 'o' && typeof (o[2] as unknown[])[0] === 'number') as [string, number, number[]];
    op[2][0] += 0.25;
    expect(() => replayable(family.createLearner(s, 1, runRng(s.seed, 0)), M).restoreState(saved)).toThrow(/^statistics: replaying the log does not reproduce/);
  });
});

describe('coverage planners: restore by replay', () => {
  const file = 'sim/scenarios/coverage-quick.yaml';
  const base = loadScenario(file).scenario as CoverageScenario;
  it.each(base.algorithms.map((a) => a.label ?? a.name))('coverage-quick, %s', (alg) => {
    const world = coverageWorldOf(base, 'test');
    const entry = base.algorithms.find((a) => (a.label ?? a.name) === alg)!;
    const N = world.robots;
    const K = world.graph.size;
    const fresh = () => replayablePlanner(createCoveragePlanner(world, entry), K);
    const steps = (p: ReturnType<typeof fresh>, from: number, to: number, positions: Int32Array, seen: number[][]) => {
      const samples = new Float64Array(K);
      const out = new Int32Array(N);
      for (let t = from; t < to; t++) {
        const rng = new Rng('samples').stream(String(t));
        for (let k = 0; k < K; k++) samples[k] = rng.normal(0.5, 0.2);
        // every robot on its site; one in five steps robot 0's sample is missing
        const sites = Int32Array.from(positions, (k, i) => (i === 0 && t % 5 === 0 ? -1 : k));
        p.observe(t, sites, samples);
        p.nextWaypoints(t, positions, null, out);
        seen.push(Array.from(out));
        positions.set(out);
      }
    };
    const start = () => Int32Array.from({ length: N }, (_, i) => (i * 7) % K);
    const a = fresh();
    const posA = start();
    steps(a, 1, 61, posA, []);
    const saved = viaJson(a.saveState());
    expect(saved.rounds).toBe(60);
    const b = fresh();
    expect(JSON.stringify(b.saveState().statistics)).not.toBe(JSON.stringify(saved.statistics)); // something was learned
    b.restoreState(saved);
    const sa = a.summary();
    const sb = b.summary();
    expect([sb.episode, sb.phase, Array.from(sb.counts), Array.from(sb.means), Array.from(sb.ucb)]).toEqual([sa.episode, sa.phase, Array.from(sa.counts), Array.from(sa.means), Array.from(sa.ucb)]);
    const seenA: number[][] = [];
    const seenB: number[][] = [];
    const posB = posA.slice();
    steps(a, 61, 161, posA, seenA);
    steps(b, 61, 161, posB, seenB);
    expect(seenB).toEqual(seenA);
    expect(JSON.stringify(b.saveState().statistics)).toBe(JSON.stringify(a.saveState().statistics));
  });
});
