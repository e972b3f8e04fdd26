/**
 * The one signature every command-link model shares (erasure, burst, delay, schedule, trace):
 * the learner sends one command per agent per round, and the channel says when it arrives.
 */
export interface CommandChannel {
  /**
   * The command of round `round` (0-based) is sent now. Returns the round in which it is
   * delivered (`round` itself when there is no delay, otherwise later), or -1 if it is erased.
   * Call exactly once per round, rounds increasing: stateful models (burst, schedule, trace)
   * rely on it, and the random numbers drawn per call are part of the reproducibility contract.
   * The outcome never depends on the command itself, so the erasure pattern is the same for
   * every algorithm (common random numbers).
   */
  send(round: number): number;
}

/** Check a probability option of a channel (inclusive bounds unless `below1`). */
export function checkProbability(owner: string, name: string, value: number, below1 = false): number {
  const ok = below1 ? value >= 0 && value < 1 : value >= 0 && value <= 1;
  if (!ok) throw new RangeError(`the '${name}' option of ${owner} must be a probability in ${below1 ? '[0, 1)' : '[0, 1]'}, found ${value}`);
  return value;
}
