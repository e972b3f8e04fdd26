/**
 * Wraps a channel and records what it does, for saving as a ChannelTrace (to replay with
 * TraceChannel). Recording appends to a plain array, so keep it out of timed benchmark loops.
 */
import type { ChannelTrace } from './ChannelTrace.js';
import type { CommandChannel } from './CommandChannel.js';

export interface RecordingChannelOptions {
  inner: CommandChannel;
}

export class RecordingChannel implements CommandChannel {
  readonly #inner: CommandChannel;
  readonly #delivered: number[] = [];
  #start = -1;

  constructor({ inner }: RecordingChannelOptions) {
    this.#inner = inner;
  }

  send(round: number): number {
    if (this.#start < 0) this.#start = round;
    const expected = this.#start + this.#delivered.length;
    if (round !== expected) throw new RangeError(`RecordingChannel: a trace needs consecutive rounds; expected round ${expected}, found ${round}`);
    const d = this.#inner.send(round);
    this.#delivered.push(d);
    return d;
  }

  /** A copy of what was recorded so far. */
  trace(): ChannelTrace {
    return { version: 1, start: Math.max(0, this.#start), delivered: [...this.#delivered] };
  }
}
