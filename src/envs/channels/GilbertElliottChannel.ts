/**
 * Gilbert-Elliott burst-loss link: a two-state Markov chain (good, bad), each state with its
 * own loss probability, so erasures come in bursts (mean bad-state run 1 / pBadToGood rounds).
 * Long-run loss rate: (pBadToGood lossGood + pGoodToBad lossBad) / (pGoodToBad + pBadToGood).
 *
 * Draws per send, in order: one `rng.uniform()` for the loss in the current state (lost iff <
 * its loss probability), then one `rng.uniform()` for the transition to the next round's state
 * (leave the state iff < its exit probability). With `initial: 'stationary'` the constructor
 * draws one more uniform first (bad iff < the stationary bad probability).
 */
import type { Rng } from '../../core/random.js';
import { checkProbability, type CommandChannel } from './CommandChannel.js';

export interface GilbertElliottParameters {
  /** Probability per round of moving from good to bad, in [0, 1]. */
  pGoodToBad: number;
  /** Probability per round of moving from bad to good, in (0, 1]. */
  pBadToGood: number;
  /** Loss probability in the good state, default 0. */
  lossGood?: number;
  /** Loss probability in the bad state, default 1. */
  lossBad?: number;
  /** State of round 0: drawn from the stationary law (default), or fixed. */
  initial?: 'stationary' | 'good' | 'bad';
}

export interface GilbertElliottChannelOptions extends GilbertElliottParameters {
  /** The channel's own stream (`runRng.stream('channel/<j>')`). */
  rng: Rng;
}

/** Stationary probability of the bad state. */
export function gilbertElliottBadShare({ pGoodToBad, pBadToGood }: GilbertElliottParameters): number {
  return pGoodToBad / (pGoodToBad + pBadToGood);
}

/** Long-run fraction of erased commands. */
export function gilbertElliottLossRate(p: GilbertElliottParameters): number {
  const bad = gilbertElliottBadShare(p);
  return (1 - bad) * (p.lossGood ?? 0) + bad * (p.lossBad ?? 1);
}

export class GilbertElliottChannel implements CommandChannel {
  readonly pGoodToBad: number;
  readonly pBadToGood: number;
  readonly lossGood: number;
  readonly lossBad: number;
  readonly #rng: Rng;
  #bad: boolean;

  constructor({ pGoodToBad, pBadToGood, lossGood = 0, lossBad = 1, initial = 'stationary', rng }: GilbertElliottChannelOptions) {
    const owner = 'a GilbertElliottChannel';
    this.pGoodToBad = checkProbability(owner, 'pGoodToBad', pGoodToBad);
    this.pBadToGood = checkProbability(owner, 'pBadToGood', pBadToGood);
    if (pBadToGood === 0) throw new RangeError(`the 'pBadToGood' option of ${owner} must be > 0, or the bad state never ends; found 0`);
    this.lossGood = checkProbability(owner, 'lossGood', lossGood);
    this.lossBad = checkProbability(owner, 'lossBad', lossBad);
    const rate = gilbertElliottLossRate({ pGoodToBad, pBadToGood, lossGood, lossBad });
    if (!(rate < 1)) throw new RangeError(`${owner} would erase every command (long-run loss rate ${rate}); lower lossGood or lossBad`);
    this.#rng = rng;
    this.#bad = initial === 'bad' || (initial === 'stationary' && rng.uniform() < gilbertElliottBadShare({ pGoodToBad, pBadToGood }));
  }

  /** Whether the chain is in the bad state for the next send. */
  get bad(): boolean {
    return this.#bad;
  }

  send(round: number): number {
    const rng = this.#rng;
    const lost = rng.uniform() < (this.#bad ? this.lossBad : this.lossGood);
    if (rng.uniform() < (this.#bad ? this.pBadToGood : this.pGoodToBad)) this.#bad = !this.#bad;
    return lost ? -1 : round;
  }
}
