/**
 * The batch scheduler of BatchSP2 (Hanna, Karakas, Yang, Fragouli, AISTATS 2024, Algorithm 2;
 * spec 1.4). Every active arm must receive exactly M_batch effective samples; a block of n
 * effective samples on agent j costs alpha_j - 1 + n rounds (the warm-up is discarded).
 *
 *   tau = ceil( M_batch |A| / sum_j M_batch / (alpha_j - 1 + M_batch) )   (LP lower bound, eq. (1))
 *   Stage 1: agents in speed order take whole arms (one block of alpha_j - 1 + M_batch rounds
 *            each) while their total stays within tau.
 *   Stage 2: the khat leftover arms are cut into parts_per_arm = max(1, floor(M / 2khat)) parts
 *            of ceil(M_batch / parts_per_arm) samples, dealt to the fastest floor(M/2) agents,
 *            at most parts_per_agent = ceil(khat parts_per_arm / floor(M/2)) parts each; every
 *            part again pays its agent's warm-up.
 *
 * Stage 1 leaves khat <= M arms (sum_j floor(tau/p_j) >= |A| - M), so parts_per_agent <= 3 and
 * the batch ends by tau + 3 (alpha_{M/2} - 1 + part_size): the Lemma 1 bound.
 */
import type { BlockSchedule } from './BlockSchedule.js';

/** What Algorithm 2 decided for one batch (for tests, logs and the LearnerState message). */
export interface BatchSp2Plan {
  /** LP lower bound on the batch length (rounds). */
  tau: number;
  /** Arms finished whole in stage 1 (the first `stage1Arms` entries of the shuffled list). */
  stage1Arms: number;
  /** Arms split in stage 2 (khat). */
  stage2Arms: number;
  partsPerArm: number;
  /** Effective samples per part (the last part of an arm may be smaller). */
  partSize: number;
  partsPerAgent: number;
  /** Agents eligible in stage 2: the fastest max(1, floor(M/2)). */
  stage2Agents: number;
  /** Batch length L (rounds). */
  length: number;
}

/**
 * Fill `out` (cleared first) with the plan for one batch.
 * @param alpha repetitions per agent in speed order (non-decreasing), length M.
 * @param arms the active arms, already shuffled (`armCount` entries are used).
 * @param batchSize M_batch, effective samples per arm.
 * @param pool the active arms to pad idle agents with (any order), `armCount` entries.
 * @param scratch per-arm scratch of length >= K (effective samples assigned so far).
 */
export function scheduleBatchSp2(
  alpha: ArrayLike<number>,
  arms: ArrayLike<number>,
  armCount: number,
  batchSize: number,
  out: BlockSchedule,
  pool: ArrayLike<number>,
  scratch: Float64Array,
): BatchSp2Plan {
  const M = alpha.length;
  out.clear();
  scratch.fill(0);
  let speed = 0;
  for (let j = 0; j < M; j++) speed += batchSize / (alpha[j] - 1 + batchSize);
  const tau = Math.ceil((batchSize * armCount) / speed);

  let cursor = 0;
  for (let j = 0; j < M && cursor < armCount; j++) {
    const p = alpha[j] - 1 + batchSize;
    let used = 0;
    while (used + p <= tau && cursor < armCount) {
      out.assign(j, arms[cursor], p, batchSize);
      scratch[arms[cursor]] = batchSize;
      used += p;
      cursor += 1;
    }
  }
  const stage1Arms = cursor;
  const khat = armCount - cursor;
  const half = Math.max(1, Math.floor(M / 2));
  let partsPerArm = 0;
  let partSize = 0;
  let partsPerAgent = 0;
  if (khat > 0) {
    partsPerArm = Math.max(1, Math.floor(M / (2 * khat)));
    partSize = Math.ceil(batchSize / partsPerArm);
    partsPerAgent = Math.ceil((khat * partsPerArm) / half);
    let j = 0;
    let jParts = 0;
    for (let i = cursor; i < armCount; i++) {
      const a = arms[i];
      while (scratch[a] < batchSize) {
        const nParts = Math.min(partsPerAgent - jParts, partsPerArm);
        const n = Math.min(batchSize - scratch[a], nParts * partSize);
        out.assign(j, a, alpha[j] - 1 + n, n);
        scratch[a] += n;
        jParts += nParts;
        if (jParts >= partsPerAgent) {
          j += 1;
          jParts = 0;
        }
      }
    }
  }
  out.finish(pool, armCount);
  return { tau, stage1Arms, stage2Arms: khat, partsPerArm, partSize, partsPerAgent, stage2Agents: half, length: out.length };
}
