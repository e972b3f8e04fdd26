/**
 * Effective samples per arm in the first batch of BatchSP2 (Hanna et al., AISTATS 2024,
 * Algorithm 1; spec 1.3): M_1 = 4 * floor( ceil(2 ln(T M)) / 4 ), then M_{i+1} = 4 M_i.
 * Examples: T = 5e4, M = 20 gives 28; T = 5e4, M = 4 gives 24.
 */

/** M_1 for horizon `horizon` (rounds) and `agents` agents. */
export function firstBatchSize(horizon: number, agents: number): number {
  if (!(horizon >= 1)) throw new RangeError(`firstBatchSize: the horizon must be >= 1 round, found ${horizon}`);
  if (!(Number.isInteger(agents) && agents >= 1)) throw new RangeError(`firstBatchSize: agents must be an integer >= 1, found ${agents}`);
  // The authors' code writes int(ceil(2 ln(TM)) / 4), which is 0 when TM < e^1.5 and would
  // freeze the batch size at 0; we keep at least 1 before multiplying by 4.
  return 4 * Math.max(1, Math.floor(Math.ceil(2 * Math.log(horizon * agents)) / 4));
}
