/**
 * I.i.d. erasure link whose probability changes at given rounds (piecewise constant): a link
 * that degrades or recovers during a run. Segment k holds from round `from_k` until the next
 * segment's `from`. Draws: one `rng.uniform()` per send, erased iff < eps of the round's segment.
 */
import type { Rng } from '../../core/random.js';
import { checkProbability, type CommandChannel } from './CommandChannel.js';

export interface ErasureSegment {
  /** First round (0-based) of the segment. */
  from: number;
  /** Erasure probability in [0, 1) from that round on. */
  eps: number;
}

export interface ScheduledErasureChannelOptions {
  /** Segments in increasing `from`, the first starting at round 0. */
  segments: readonly ErasureSegment[];
  /** The channel's own stream (`runRng.stream('channel/<j>')`). */
  rng: Rng;
}

export class ScheduledErasureChannel implements CommandChannel {
  readonly #from: Float64Array;
  readonly #eps: Float64Array;
  readonly #rng: Rng;
  #k = 0;

  constructor({ segments, rng }: ScheduledErasureChannelOptions) {
    const owner = 'a ScheduledErasureChannel';
    if (segments.length === 0) throw new RangeError(`the 'segments' option of ${owner} must list at least one segment`);
    segments.forEach((seg, k) => {
      checkProbability(owner, `segments[${k}].eps`, seg.eps, true);
      const expected = k === 0 ? 'round 0' : `an integer > ${segments[k - 1].from}`;
      const ok = Number.isInteger(seg.from) && (k === 0 ? seg.from === 0 : seg.from > segments[k - 1].from);
      if (!ok) throw new RangeError(`the 'segments[${k}].from' option of ${owner} must be ${expected}, found ${seg.from}`);
    });
    this.#from = Float64Array.from(segments, (s) => s.from);
    this.#eps = Float64Array.from(segments, (s) => s.eps);
    this.#rng = rng;
  }

  /** Erasure probability in force at `round`. */
  epsAt(round: number): number {
    let k = 0;
    while (k + 1 < this.#from.length && this.#from[k + 1] <= round) k++;
    return this.#eps[k];
  }

  send(round: number): number {
    // Rounds increase, so the segment cursor only moves forward; restart if a caller rewinds.
    if (round < this.#from[this.#k]) this.#k = 0;
    while (this.#k + 1 < this.#from.length && this.#from[this.#k + 1] <= round) this.#k++;
    return this.#rng.uniform() < this.#eps[this.#k] ? -1 : round;
  }
}
