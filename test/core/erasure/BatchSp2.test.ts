// BatchSP2 (Algorithm 1 + 2): reduction to plain SAE on perfect links, agent ordering,
// missing rewards, determinism and learning under erasures.
import { describe, expect, it } from 'vitest';
import { BatchSp2 } from '../../../src/core/erasure/BatchSp2.js';
import { BlockSchedule } from '../../../src/core/erasure/BlockSchedule.js';
import { firstBatchSize } from '../../../src/core/erasure/firstBatchSize.js';
import { scheduleBatchSp2 } from '../../../src/core/erasure/scheduleBatchSp2.js';
import { Rng } from '../../../src/core/random.js';
import { simulate } from './simulate.js';

/**
 * Plain multi-agent SAE on the Algorithm-2 plan with alpha = 1: every reward of a commanded arm
 * counts (up to M_i per arm per batch; NaN skipped), no warm-up; elimination with BatchSP2's radius.
 */
class PlainSae {
  readonly active: number[];
  readonly sum: Float64Array;
  readonly count: Float64Array;
  readonly batchSum: Float64Array;
  readonly batchCount: Float64Array;
  readonly plan: BlockSchedule;
  readonly cmd: Int32Array;
  batch = 0;
  batchSize = 0;
  inBatch = false;

  constructor(
    readonly K: number,
    readonly M: number,
    readonly T: number,
    readonly rng: Rng,
  ) {
    this.active = Array.from({ length: K }, (_, a) => a);
    this.sum = new Float64Array(K);
    this.count = new Float64Array(K);
    this.batchSum = new Float64Array(K);
    this.batchCount = new Float64Array(K);
    this.plan = new BlockSchedule(M, K);
    this.cmd = new Int32Array(M);
  }

  nextCommands(out: Int32Array): void {
    if (!this.inBatch) {
      this.batch += 1;
      this.batchSize = firstBatchSize(this.T, this.M) * 4 ** (this.batch - 1);
      this.batchSum.fill(0);
      this.batchCount.fill(0);
      const shuffled = Int32Array.from(this.rng.shuffle([...this.active]));
      const ones = new Int32Array(this.M).fill(1);
      scheduleBatchSp2(ones, shuffled, shuffled.length, this.batchSize, this.plan, Int32Array.from(this.active), new Float64Array(this.K));
      this.inBatch = true;
    }
    this.plan.next(this.rng, this.cmd);
    out.set(this.cmd);
  }

  observe(rewards: Float64Array): boolean {
    for (let j = 0; j < this.M; j++) {
      const a = this.cmd[j];
      if (Number.isNaN(rewards[j])) continue;
      if (this.batchCount[a] < this.batchSize) {
        this.batchSum[a] += rewards[j];
        this.batchCount[a] += 1;
      }
    }
    if (!this.plan.done) return false;
    for (const a of this.active) {
      this.sum[a] += this.batchSum[a];
      this.count[a] += this.batchCount[a];
    }
    const mean = (a: number) => this.sum[a] / this.count[a];
    const best = Math.max(...this.active.map(mean));
    const radius = 2 * Math.sqrt(Math.log(this.T * this.M) / (2 * this.batchSize));
    const keep = this.active.filter((a) => !(best - mean(a) > radius));
    this.active.splice(0, this.active.length, ...keep);
    this.inBatch = false;
    return true;
  }
}

describe('BatchSp2', () => {
  /** Run BatchSP2 with eps = 0 next to PlainSae and compare them round by round and batch by batch. */
  function compareWithPlainSae(missing?: (t: number, j: number) => boolean): { batches: number; missing: number } {
    const K = 6;
    const M = 5;
    const T = 4000;
    const learner = new BatchSp2({ arms: K, epsBounds: new Array(M).fill(0), horizon: T, rng: new Rng(11).stream('algorithm') });
    const plain = new PlainSae(K, M, T, new Rng(11).stream('algorithm'));
    expect(Array.from(learner.alpha)).toEqual(new Array(M).fill(1));
    const expected = new Int32Array(M);
    let closed = false;
    let batches = 0;
    const compare = () => {
      const summary = learner.summary();
      expect(summary.activeArms).toEqual(plain.active);
      for (let a = 0; a < K; a++) {
        expect(summary.samples[a]).toBe(plain.count[a]);
        if (plain.count[a] > 0) expect(summary.estimates[a]).toBeCloseTo(plain.sum[a] / plain.count[a], 12);
      }
      batches += 1;
    };
    simulate(learner, {
      means: [0.2, 0.9, 0.5, 0.6, 0.1, 0.85],
      eps: new Array(M).fill(0),
      rounds: T,
      seed: 3,
      missing,
      onRound: (t, commands, _played, rewards) => {
        // The learner observed round t - 1 (and closed its batch then, if plain did).
        if (closed) compare();
        plain.nextCommands(expected);
        expect(Array.from(commands), `round ${t}`).toEqual(Array.from(expected));
        if (learner.schedule.row === 1) {
          // No warm-up: every block is exactly its effective samples.
          for (let i = 0; i < M * K; i++) expect(learner.schedule.rounds[i]).toBe(learner.schedule.effective[i]);
        }
        closed = plain.observe(rewards);
      },
    });
    return { batches, missing: learner.summary().missingRewards };
  }

  it('with eps = 0 on every link behaves as plain multi-agent SAE without repetitions', () => {
    const { batches, missing } = compareWithPlainSae();
    expect(batches).toBeGreaterThanOrEqual(3);
    expect(missing).toBe(0);
  });

  it('does not count a missing (NaN) reward and reports it', () => {
    const drops = new Rng('drops');
    let dropped = 0;
    const { batches, missing } = compareWithPlainSae(() => {
      const drop = drops.bernoulli(0.1);
      if (drop) dropped += 1;
      return drop;
    });
    expect(batches).toBeGreaterThanOrEqual(3);
    expect(dropped).toBeGreaterThan(100);
    expect(missing).toBe(dropped);
  });

  it('sorts agents by alpha: stage 2 only uses the fastest half, whatever the agent ids', () => {
    const epsBounds = [0.99, 0.2, 0.9, 0.5, 0.95, 0.3];
    const learner = new BatchSp2({ arms: 10, epsBounds, horizon: 5e4, rng: new Rng(2) });
    expect(Array.from(learner.order)).toEqual([1, 5, 3, 2, 4, 0]);
    expect(Array.from(learner.alpha)).toEqual([14, 18, 32, 206, 422, 2154]);
    const cmd = new Int32Array(6);
    learner.nextCommands(0, cmd);
    const plan = learner.plan!;
    expect(plan.stage2Arms).toBeGreaterThan(0);
    // Rounds of the batch per agent id: the two slowest links (ids 0 and 4) only pad.
    const busyById = new Map(Array.from(learner.order, (id, s) => [id, learner.schedule.busy(s)]));
    expect(busyById.get(0)).toBe(0);
    expect(busyById.get(4)).toBe(0);
    expect(busyById.get(1)).toBeGreaterThan(0);
  });

  it('is deterministic: same seeds, same commands', () => {
    const run = () => {
      const learner = new BatchSp2({ arms: 5, epsBounds: [0.2, 0.5, 0.9], horizon: 3000, rng: new Rng(8).stream('algorithm') });
      const log: number[] = [];
      const curve = simulate(learner, { means: [1, 0.8, 0, 0, 0], eps: [0.2, 0.5, 0.9], rounds: 3000, seed: 8, onRound: (_t, c) => log.push(...c) });
      return { log, curve };
    };
    const a = run();
    const b = run();
    expect(a.log).toEqual(b.log);
    expect(Buffer.from(a.curve.buffer).equals(Buffer.from(b.curve.buffer))).toBe(true);
  });

  it('learns the best arm through heavy erasures and then stops accumulating regret', () => {
    const eps = [0.5, 0.8, 0.9, 0.9];
    const learner = new BatchSp2({ arms: 5, epsBounds: eps, horizon: 20_000, rng: new Rng(21) });
    const curve = simulate(learner, { means: [0, 0.8, 0, 1, 0], eps, rounds: 20_000, seed: 21 });
    expect(learner.summary().activeArms).toEqual([3]);
    expect(curve[19_999] - curve[9_999]).toBeLessThan(0.05 * curve[9_999]);
  });

  it('names the parameter and the value it rejects', () => {
    expect(() => new BatchSp2({ arms: 0, epsBounds: [0.1], horizon: 10, rng: new Rng(1) })).toThrow("the 'arms' parameter of a batchsp2 learner must be an integer >= 1, found 0");
    expect(() => new BatchSp2({ arms: 3, epsBounds: [0.1, 1], horizon: 10, rng: new Rng(1) })).toThrow("the 'epsBounds[1]' parameter of a batchsp2 learner must be a probability in [0, 1), found 1");
    expect(() => new BatchSp2({ arms: 3, epsBounds: [], horizon: 10, rng: new Rng(1) })).toThrow(/at least one agent/);
    expect(() => new BatchSp2({ arms: 3, epsBounds: [0], horizon: 1.5, rng: new Rng(1) })).toThrow(/'horizon' parameter .* found 1.5/);
    expect(() => new BatchSp2({ arms: 3, epsBounds: [0], horizon: 10, c: 0, rng: new Rng(1) })).toThrow(/'c' parameter of a batchsp2 learner must be a finite number > 0, found 0/);
  });

  it('exposes a summary for the LearnerState message', () => {
    const learner = new BatchSp2({ arms: 3, epsBounds: [0.5, 0.5], horizon: 5e4, rng: new Rng(1) });
    expect(learner.summary()).toMatchObject({ algorithm: 'batchsp2', rounds: 0, batch: 0, activeArms: [0, 1, 2], missingRewards: 0 });
    const cmd = new Int32Array(2);
    learner.nextCommands(0, cmd);
    expect(learner.summary()).toMatchObject({ batch: 1, batchSize: firstBatchSize(5e4, 2), rounds: 0 });
    learner.observe(0, new Float64Array([1, 1]));
    expect(learner.summary().rounds).toBe(1);
  });
});
