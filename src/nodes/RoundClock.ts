/**
 * Round timing shared by every node of a run. Round r (0-based) occupies
 * [start + r P, start + (r+1) P) of node time. Each node acts at a fixed phase of the round: the
 * learner commands at phase 0, agents play at phase 0.5, the learner's reward deadline is near
 * phase 1. Every callback derives the round from the clock, not from a counter, so a node that
 * starts late or misses a tick (on a real ROS graph) stays aligned with the others; the callback
 * is told how many rounds it missed, and a round is never delivered twice.
 *
 * The start may be unknown when the node starts (a synchronized start, see RunStart.ts): `every`
 * then waits, and `start(ns)` sets it once.
 */
import type { NodeHandle, Timer } from '../runtime/NodeHandle.js';

/** Called at a phase of each round: `missed` rounds of this phase passed since the last call (or since round 0) without one. */
export type RoundCallback = (round: number, missed: number) => boolean | void;

export class RoundClock {
  readonly periodNs: number;
  #startNs: number | undefined;
  readonly #waiting: (() => void)[] = [];

  /**
   * @param startSeconds node time at which round 0 starts, or undefined until `start()` is called;
   * @param periodSeconds round length.
   */
  constructor(startSeconds: number | undefined, periodSeconds: number) {
    if (!(periodSeconds > 0)) throw new Error(`round period must be > 0 seconds, found ${periodSeconds}`);
    this.periodNs = Math.round(periodSeconds * 1e9);
    if (startSeconds !== undefined) this.#startNs = Math.round(startSeconds * 1e9);
  }

  /** Node time (ns) of round 0; throws before the start is known. */
  get startNs(): number {
    if (this.#startNs === undefined) throw new Error('the round clock has not started yet (waiting for the run start)');
    return this.#startNs;
  }

  get started(): boolean {
    return this.#startNs !== undefined;
  }

  /** Sets round 0's time (ns) and starts what `every` and `onStart` registered; later calls are ignored. */
  start(startNs: number): void {
    if (this.#startNs !== undefined) return;
    this.#startNs = startNs;
    for (const run of this.#waiting.splice(0)) run();
  }

  /** Runs `fn` once the start is known (now, if it is). */
  onStart(fn: () => void): void {
    if (this.#startNs !== undefined) fn();
    else this.#waiting.push(fn);
  }

  /** Node time at which `phase` (in [0, 1)) of round r falls. */
  timeOf(round: number, phase: number): number {
    return this.startNs + round * this.periodNs + Math.round(phase * this.periodNs);
  }

  /** The round whose `phase` instant is closest to `nowNs`. */
  roundAt(nowNs: number, phase: number): number {
    return Math.round((nowNs - this.startNs - phase * this.periodNs) / this.periodNs);
  }

  /**
   * Calls `callback(round, missed)` at `phase` of every round from the first one still ahead
   * (once the start is known), until it returns false. A late tick delivers the round it falls in
   * and reports the rounds it skipped; an early or repeated tick of a round already delivered is
   * ignored. Returns a handle to stop early.
   */
  every(node: NodeHandle, phase: number, callback: RoundCallback): { cancel(): void } {
    let align: Timer | undefined;
    let periodic: Timer | undefined;
    let stopped = false;
    let next = 0; // the first round not yet delivered
    const tick = () => {
      if (stopped) return;
      const round = this.roundAt(node.now(), phase);
      if (round < next) return;
      const missed = round - next;
      next = round + 1;
      if (callback(round, missed) === false) cancel();
    };
    const cancel = () => {
      stopped = true;
      align?.cancel();
      periodic?.cancel();
    };
    this.onStart(() => {
      if (stopped) return;
      const now = node.now();
      let first = Math.max(0, Math.ceil((now - this.startNs - phase * this.periodNs) / this.periodNs));
      if (this.timeOf(first, phase) <= now) first += 1;
      const delayNs = this.timeOf(first, phase) - now;
      align = node.createTimer(delayNs / 1e9, () => {
        align!.cancel();
        if (stopped) return;
        periodic = node.createTimer(this.periodNs / 1e9, tick);
        tick();
      });
    });
    return { cancel };
  }
}
