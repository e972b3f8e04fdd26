/**
 * Replays a recorded ChannelTrace: the command of round t arrives exactly as it did when the
 * trace was recorded. Uses no randomness. Sending outside the recorded rounds throws.
 */
import { channelTraceProblem, type ChannelTrace } from './ChannelTrace.js';
import type { CommandChannel } from './CommandChannel.js';

export interface TraceChannelOptions {
  trace: ChannelTrace;
}

export class TraceChannel implements CommandChannel {
  readonly start: number;
  readonly #delivered: Float64Array;

  constructor({ trace }: TraceChannelOptions) {
    const problem = channelTraceProblem(trace);
    if (problem) throw new RangeError(`the 'trace' option of a TraceChannel is invalid: ${problem}`);
    this.start = trace.start;
    this.#delivered = Float64Array.from(trace.delivered);
  }

  /** Rounds covered: start .. start + length - 1. */
  get length(): number {
    return this.#delivered.length;
  }

  send(round: number): number {
    const i = round - this.start;
    if (!(i >= 0 && i < this.#delivered.length)) {
      throw new RangeError(`TraceChannel: round ${round} is outside the recorded rounds ${this.start}..${this.start + this.#delivered.length - 1}`);
    }
    return this.#delivered[i];
  }
}
