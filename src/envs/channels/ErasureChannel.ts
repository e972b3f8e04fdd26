/**
 * I.i.d. erasure link (Hanna et al., AISTATS 2024, Sec. II-B): each command is erased with
 * probability eps, independently over rounds, silently; delivered commands arrive at once.
 * Draws: one `rng.uniform()` per send; erased iff it is < eps.
 */
import type { Rng } from '../../core/random.js';
import { checkProbability, type CommandChannel } from './CommandChannel.js';

export interface ErasureChannelOptions {
  /** Erasure probability in [0, 1). */
  eps: number;
  /** The channel's own stream (`runRng.stream('channel/<j>')`). */
  rng: Rng;
}

export class ErasureChannel implements CommandChannel {
  readonly eps: number;
  readonly #rng: Rng;

  constructor({ eps, rng }: ErasureChannelOptions) {
    this.eps = checkProbability('an ErasureChannel', 'eps', eps, true);
    this.#rng = rng;
  }

  send(round: number): number {
    return this.#rng.uniform() < this.eps ? -1 : round;
  }
}
