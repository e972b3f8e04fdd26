/**
 * Repetition count alpha_j of BatchSP2 (Hanna, Karakas, Yang, Fragouli, AISTATS 2024, Sec. III;
 * spec 1.2): how many consecutive rounds a command must be sent over a link with erasure
 * probability eps so that it has been delivered at least once with probability >= 1 - 1/T^2.
 *
 *   alpha = 1                                  if eps = 0
 *   alpha = ceil( 2 ln(T) / ln(1/eps) )        otherwise, so eps^alpha <= 1/T^2
 *
 * The learner then discards the first alpha - 1 rewards of every block of identical commands.
 */

/** alpha for one link: `eps` is a probability in [0, 1), `horizon` is T in rounds (>= 1). */
export function repetitions(eps: number, horizon: number): number {
  if (!(eps >= 0 && eps < 1)) throw new RangeError(`repetitions: eps must be a probability in [0, 1), found ${eps}`);
  if (!(horizon >= 1)) throw new RangeError(`repetitions: the horizon must be >= 1 round, found ${horizon}`);
  if (eps === 0) return 1;
  // ln(1/eps) rather than -ln(eps): the authors' code divides this way, and the two differ in the
  // last bit often enough to move a ceil at an exact integer.
  return Math.max(1, Math.ceil((2 * Math.log(horizon)) / Math.log(1 / eps)));
}

/** alpha for every link, written into `out` (allocated when not given). */
export function repetitionsFor(eps: ArrayLike<number>, horizon: number, out = new Int32Array(eps.length)): Int32Array {
  for (let j = 0; j < eps.length; j++) out[j] = repetitions(eps[j], horizon);
  return out;
}
