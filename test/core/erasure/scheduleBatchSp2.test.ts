// Algorithm 2 of BatchSP2: quotas, the tau and Lemma 1 bounds, stage 2 on the fastest half,
// and the block structure of the round-by-round plan, over many random instances.
import { describe, expect, it } from 'vitest';
import { BlockSchedule } from '../../../src/core/erasure/BlockSchedule.js';
import { repetitions } from '../../../src/core/erasure/repetitions.js';
import { scheduleBatchSp2 } from '../../../src/core/erasure/scheduleBatchSp2.js';
import { Rng } from '../../../src/core/random.js';

interface Instance {
  alpha: Int32Array;
  arms: Int32Array;
  pool: Int32Array;
  K: number;
  batchSize: number;
}

/** A random instance: M agents with eps from a few groups, a random active set, one batch size. */
function instance(seed: number): Instance {
  const rng = new Rng(`schedule-${seed}`);
  const M = rng.intRange(1, 24);
  const K = rng.intRange(1, 16);
  const T = rng.choice([1000, 2e4, 5e4]);
  const eps = Array.from({ length: M }, () => rng.choice([0, 0.2, 0.5, 0.8, 0.9, 0.93, 0.95, 0.99]));
  eps.sort((a, b) => a - b);
  const alpha = Int32Array.from(eps, (e) => repetitions(e, T));
  const all = Array.from({ length: K }, (_, a) => a);
  const active = all.filter(() => rng.bernoulli(0.7));
  if (active.length === 0) active.push(rng.int(K));
  const pool = Int32Array.from(active);
  const arms = Int32Array.from(rng.shuffle([...active]));
  const batchSize = rng.choice([4, 24, 28, 96, 112, 448, 1536]);
  return { alpha, arms, pool, K, batchSize };
}

describe('scheduleBatchSp2', () => {
  for (let seed = 0; seed < 60; seed++) {
    it(`seed ${seed}: quotas, bounds and block structure hold`, () => {
      const { alpha, arms, pool, K, batchSize } = instance(seed);
      const M = alpha.length;
      const n = arms.length;
      const plan = new BlockSchedule(M, K);
      const info = scheduleBatchSp2(alpha, arms, n, batchSize, plan, pool, new Float64Array(K));

      // Every active arm gets exactly M_batch effective samples; inactive arms get nothing.
      const isActive = new Set(Array.from(arms));
      for (let a = 0; a < K; a++) {
        let eff = 0;
        for (let s = 0; s < M; s++) {
          const rounds = plan.rounds[s * K + a];
          const e = plan.effective[s * K + a];
          if (rounds > 0) expect(rounds).toBe(alpha[s] - 1 + e);
          eff += e;
        }
        expect(eff).toBe(isActive.has(a) ? batchSize : 0);
      }

      // tau is the LP bound; stage-1 arms sit whole on one agent within tau; stage-2 arms only on
      // the fastest floor(M/2) agents.
      let speed = 0;
      for (let s = 0; s < M; s++) speed += batchSize / (alpha[s] - 1 + batchSize);
      expect(info.tau).toBe(Math.ceil((batchSize * n) / speed));
      const half = Math.max(1, Math.floor(M / 2));
      expect(info.stage2Agents).toBe(half);
      expect(info.stage1Arms + info.stage2Arms).toBe(n);
      for (let i = 0; i < n; i++) {
        const a = arms[i];
        const holders = [];
        for (let s = 0; s < M; s++) if (plan.rounds[s * K + a] > 0) holders.push(s);
        if (i < info.stage1Arms) {
          expect(holders).toHaveLength(1);
          expect(plan.effective[holders[0] * K + a]).toBe(batchSize);
        } else {
          for (const s of holders) expect(s).toBeLessThan(half);
        }
      }
      for (let s = 0; s < M; s++) {
        let stage1 = 0;
        for (let i = 0; i < info.stage1Arms; i++) stage1 += plan.rounds[s * K + arms[i]];
        expect(stage1).toBeLessThanOrEqual(info.tau);
      }

      // Lemma 1: stage 1 leaves at most M arms, so at most three parts per agent of the best half.
      expect(info.stage2Arms).toBeLessThanOrEqual(M);
      expect(info.partsPerAgent).toBeLessThanOrEqual(3);
      const slowestHalf = alpha[half - 1];
      expect(info.length).toBeLessThanOrEqual(info.tau + info.partsPerAgent * (slowestHalf - 1 + info.partSize));
      expect(info.length).toBeGreaterThanOrEqual(Math.min(info.tau, ...Array.from({ length: M }, (_, s) => plan.busy(s))));

      // Walk the plan: one arm per agent per row, blocks back to back in increasing arm index,
      // each as long as planned, then padding with active arms up to L.
      const rng = new Rng(`pad-${seed}`);
      const row = new Int32Array(M);
      const runs: { arm: number; length: number }[][] = Array.from({ length: M }, () => []);
      const padding: number[][] = Array.from({ length: M }, () => []);
      while (!plan.done) {
        plan.next(rng, row);
        for (let s = 0; s < M; s++) {
          const t = plan.row - 1;
          if (t < plan.busy(s)) {
            const last = runs[s][runs[s].length - 1];
            if (last && last.arm === row[s]) last.length += 1;
            else runs[s].push({ arm: row[s], length: 1 });
          } else {
            padding[s].push(row[s]);
          }
        }
      }
      expect(plan.row).toBe(info.length);
      for (let s = 0; s < M; s++) {
        const expected = [];
        for (let a = 0; a < K; a++) if (plan.rounds[s * K + a] > 0) expected.push({ arm: a, length: plan.rounds[s * K + a] });
        expect(runs[s]).toEqual(expected);
        expect(padding[s]).toHaveLength(info.length - plan.busy(s));
        for (const a of padding[s]) expect(isActive.has(a)).toBe(true);
      }
    });
  }

  it('the random instances above exercise both stages and multi-part agents', () => {
    const plans = Array.from({ length: 60 }, (_, seed) => {
      const { alpha, arms, pool, K, batchSize } = instance(seed);
      return scheduleBatchSp2(alpha, arms, arms.length, batchSize, new BlockSchedule(alpha.length, K), pool, new Float64Array(K));
    });
    expect(plans.some((p) => p.stage1Arms > 0 && p.stage2Arms > 0)).toBe(true);
    expect(plans.some((p) => p.stage1Arms === 0)).toBe(true);
    expect(plans.some((p) => p.partsPerAgent >= 2)).toBe(true);
    expect(plans.some((p) => p.partsPerArm >= 2)).toBe(true);
  });

  it('reproduces the worked example of spec 1.4 (M = 8, eps 0.9..0.99, T = 2e4, M_1 = 24, 10 arms)', () => {
    const eps = [0.9, 0.9, 0.93, 0.93, 0.95, 0.95, 0.99, 0.99];
    const alpha = Int32Array.from(eps, (e) => repetitions(e, 2e4));
    expect(Array.from(alpha)).toEqual([188, 188, 273, 273, 387, 387, 1971, 1971]);
    const arms = Int32Array.from([3, 1, 4, 0, 5, 9, 2, 6, 8, 7]);
    const plan = new BlockSchedule(8, 10);
    const info = scheduleBatchSp2(alpha, arms, 10, 24, plan, Int32Array.from([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]), new Float64Array(10));
    expect(info).toMatchObject({ tau: 453, stage1Arms: 8, stage2Arms: 2, partsPerArm: 2, partSize: 12, partsPerAgent: 1, stage2Agents: 4 });
    // Agents 0, 1 finish two arms each, agents 2..5 one, the 0.99 agents none; the two leftover
    // arms are split in halves over agents 0..3, each half paying the warm-up again.
    expect([0, 1, 2, 3, 4, 5, 6, 7].map((s) => plan.busy(s))).toEqual([422 + 199, 422 + 199, 296 + 284, 296 + 284, 410, 410, 0, 0]);
    expect(info.length).toBe(621);
  });
});
