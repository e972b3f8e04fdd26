/**
 * The batch plan of MA-SAE (Hanna et al., AISTATS 2024, Sec. V baseline; spec 1.5): the |A| n
 * pulls of a batch are spread evenly, ceil(|A| n / M) per agent, filled agent by agent with the
 * active arms in increasing index order (an arm may continue on the next agent). No warm-up:
 * this baseline ignores the erasures.
 */
import type { BlockSchedule } from './BlockSchedule.js';

/**
 * Fill `out` (cleared first).
 * @param arms the active arms in increasing index order (`armCount` entries); also the padding pool.
 * @param pulls n, pulls per arm in this batch.
 */
export function scheduleEvenSplit(arms: ArrayLike<number>, armCount: number, pulls: number, out: BlockSchedule): void {
  const M = out.agents;
  out.clear();
  const perAgent = Math.ceil((armCount * pulls) / M);
  let i = 0;
  let left = pulls;
  for (let s = 0; s < M && i < armCount; s++) {
    let used = 0;
    while (used < perAgent && i < armCount) {
      const take = Math.min(perAgent - used, left);
      out.assign(s, arms[i], take, take);
      used += take;
      left -= take;
      if (left === 0) {
        i += 1;
        left = pulls;
      }
    }
  }
  out.finish(arms, armCount);
}
