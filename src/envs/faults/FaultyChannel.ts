/**
 * A CommandChannel with injected link faults (scenario `faults:` kinds `link-blackout` and
 * `burst-loss`) around the link's own model, so any channel (erasure, burst, delay, schedule,
 * trace) composes with them.
 *
 * Per send, in order: the inner channel draws exactly as without faults (its stream never
 * shifts); then every burst window of this link that covers the round draws from its own
 * Gilbert-Elliott chain (stream `faults/<i>/link/<j>`, i = the fault's index in the section,
 * started in the bad state at the window's first round: the burst begins when the window does);
 * a blackout covering the round erases the command whatever was drawn. `lastFault` tells the
 * caller whether the last command was erased by a fault (and which), so it can be counted.
 */
import type { Rng } from '../../core/random.js';
import type { CommandChannel } from '../channels/CommandChannel.js';
import { inWindow, type FaultSpec } from './FaultSpec.js';

export type LinkFaultKind = 'link-blackout' | 'burst-loss';

/** A Gilbert-Elliott chain as in GilbertElliottChannel (two uniforms per round), but allowed to erase everything. */
interface Burst {
  from: number;
  to: number;
  pGoodToBad: number;
  pBadToGood: number;
  lossGood: number;
  lossBad: number;
  rng: Rng;
  bad: boolean;
}

export class FaultyChannel implements CommandChannel {
  readonly #inner: CommandChannel;
  readonly #blackouts: { from: number; to: number }[];
  readonly #bursts: Burst[];
  #lastFault: LinkFaultKind | undefined;

  /**
   * @param link this link's index j.
   * @param runRng the run's root stream (each burst draws from `faults/<i>/link/<j>` below it).
   */
  constructor(inner: CommandChannel, faults: readonly FaultSpec[], link: number, runRng: Rng) {
    this.#inner = inner;
    this.#blackouts = [];
    this.#bursts = [];
    faults.forEach((f, i) => {
      if (f.kind === 'link-blackout' && f.links.includes(link)) this.#blackouts.push({ from: f.from, to: f.to });
      if (f.kind === 'burst-loss' && f.links.includes(link)) {
        const { from, to, pGoodToBad, pBadToGood, lossGood = 0, lossBad = 1 } = f;
        this.#bursts.push({ from, to, pGoodToBad, pBadToGood, lossGood, lossBad, rng: runRng.stream(`faults/${i}/link/${link}`), bad: true });
      }
    });
  }

  /** True when this link has any fault window (callers skip the wrapper otherwise). */
  get faulty(): boolean {
    return this.#blackouts.length + this.#bursts.length > 0;
  }

  /** Why the command of the last `send` was erased by a fault, or undefined. */
  get lastFault(): LinkFaultKind | undefined {
    return this.#lastFault;
  }

  send(round: number): number {
    let arrival = this.#inner.send(round);
    let fault: LinkFaultKind | undefined;
    for (const b of this.#bursts) {
      if (!inWindow(round, b)) continue;
      // Loss in the current state, then the transition: GilbertElliottChannel's draw order.
      if (b.rng.uniform() < (b.bad ? b.lossBad : b.lossGood)) fault = 'burst-loss';
      if (b.rng.uniform() < (b.bad ? b.pBadToGood : b.pGoodToBad)) b.bad = !b.bad;
    }
    for (const w of this.#blackouts) if (inWindow(round, w)) fault = 'link-blackout';
    if (fault) arrival = -1;
    this.#lastFault = fault;
    return arrival;
  }
}
