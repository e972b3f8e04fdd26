/**
 * Delivery delay on top of any loss model: a command that the inner channel delivers in round d
 * arrives k rounds later, k drawn from a fixed, geometric or discrete law. Without reordering
 * the link is FIFO: a command never arrives before one sent earlier (its arrival is raised to
 * the previous arrival); with reordering each command keeps its own delay.
 *
 * Draws per send: the inner channel's draws (its own stream), then the delay from this
 * channel's stream (`runRng.stream('channel/<j>/delay')`): nothing for `fixed`, `rng.geometric(p)`
 * for `geometric` (one uniform, inversion; none when p = 1), one `rng.uniform()` for `discrete`
 * (cumulative search). The delay is
 * drawn even for an erased command, so the delays do not depend on the erasure pattern.
 */
import type { Rng } from '../../core/random.js';
import type { CommandChannel } from './CommandChannel.js';

/** A delay law in rounds; `type` selects the variant. */
export type DelaySpec =
  /** Always `rounds` rounds (integer >= 0). */
  | { type: 'fixed'; rounds: number }
  /** Failures before the first success with success probability p in (0, 1]: mean (1 - p) / p. */
  | { type: 'geometric'; p: number }
  /** P(delay = k) = probs[k] (non-negative, summing to 1). */
  | { type: 'discrete'; probs: readonly number[] };

/** Mean delay in rounds. */
export function meanDelay(spec: DelaySpec): number {
  switch (spec.type) {
    case 'fixed':
      return spec.rounds;
    case 'geometric':
      return (1 - spec.p) / spec.p;
    case 'discrete':
      return spec.probs.reduce((acc, p, k) => acc + p * k, 0);
  }
}

/** Why `spec` is not a valid delay law, or undefined when it is. */
export function delaySpecProblem(spec: DelaySpec): string | undefined {
  switch (spec.type) {
    case 'fixed':
      return Number.isInteger(spec.rounds) && spec.rounds >= 0 ? undefined : `fixed delay 'rounds' must be an integer >= 0, found ${spec.rounds}`;
    case 'geometric':
      return spec.p > 0 && spec.p <= 1 ? undefined : `geometric delay 'p' must be in (0, 1], found ${spec.p}`;
    case 'discrete': {
      if (spec.probs.length === 0) return `discrete delay 'probs' must list at least one probability`;
      const bad = spec.probs.findIndex((p) => !(p >= 0 && p <= 1));
      if (bad >= 0) return `discrete delay 'probs[${bad}]' must be a probability in [0, 1], found ${spec.probs[bad]}`;
      const total = spec.probs.reduce((a, b) => a + b, 0);
      return Math.abs(total - 1) <= 1e-9 ? undefined : `discrete delay 'probs' must sum to 1, found ${total}`;
    }
  }
}

export interface DelayChannelOptions {
  /** The loss model whose delivered commands are delayed. */
  inner: CommandChannel;
  delay: DelaySpec;
  /** Allow a later command to overtake an earlier one (default false: FIFO). */
  reorder?: boolean;
  /** The delay stream (`runRng.stream('channel/<j>/delay')`). */
  rng: Rng;
}

export class DelayChannel implements CommandChannel {
  readonly delay: DelaySpec;
  readonly reorder: boolean;
  readonly #inner: CommandChannel;
  readonly #draw: () => number;
  #lastArrival = -1;

  constructor({ inner, delay, reorder = false, rng }: DelayChannelOptions) {
    const problem = delaySpecProblem(delay);
    if (problem) throw new RangeError(`the 'delay' option of a DelayChannel is invalid: ${problem}`);
    this.delay = delay;
    this.reorder = reorder;
    this.#inner = inner;
    // Branch on the law once here rather than on every send.
    switch (delay.type) {
      case 'fixed': {
        const k = delay.rounds;
        this.#draw = () => k;
        break;
      }
      case 'geometric': {
        const p = delay.p;
        this.#draw = () => rng.geometric(p);
        break;
      }
      case 'discrete': {
        const cumulative = new Float64Array(delay.probs.length);
        let acc = 0;
        delay.probs.forEach((p, k) => (cumulative[k] = acc += p));
        const last = cumulative.length - 1;
        this.#draw = () => {
          const u = rng.uniform() * acc;
          let k = 0;
          while (k < last && u >= cumulative[k]) k++;
          return k;
        };
        break;
      }
    }
  }

  send(round: number): number {
    const d = this.#inner.send(round);
    const k = this.#draw();
    if (d < 0) return -1;
    let arrival = d + k;
    if (!this.reorder && arrival < this.#lastArrival) arrival = this.#lastArrival;
    this.#lastArrival = arrival;
    return arrival;
  }
}
