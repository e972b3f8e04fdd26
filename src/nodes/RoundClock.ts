/**
 * Round timing shared by every node of a round-based family. Round r (0-based) occupies
 * [start + r P, start + (r+1) P) of node time. Each node acts at a fixed phase of the round: the
 * learner commands at phase 0, agents play at phase 0.5, the learner's reward deadline is near
 * phase 1. Every callback derives the round from the clock, not from a counter, so a node that
 * starts late or misses a tick (on a real ROS graph) stays aligned with the others.
 */
import type { NodeHandle, Timer } from '../runtime/NodeHandle.js';

export class RoundClock {
  readonly startNs: number;
  readonly periodNs: number;

  /** @param startSeconds node time at which round 0 starts; @param periodSeconds round length. */
  constructor(startSeconds: number, periodSeconds: number) {
    if (!(periodSeconds > 0)) throw new Error(`round period must be > 0 seconds, found ${periodSeconds}`);
    this.startNs = Math.round(startSeconds * 1e9);
    this.periodNs = Math.round(periodSeconds * 1e9);
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
   * Calls `callback(round)` at `phase` of every round from the first one still ahead, until
   * it returns false. Returns a handle to stop early.
   */
  every(node: NodeHandle, phase: number, callback: (round: number) => boolean | void): { cancel(): void } {
    const now = node.now();
    let first = Math.max(0, Math.ceil((now - this.startNs - phase * this.periodNs) / this.periodNs));
    if (this.timeOf(first, phase) <= now) first += 1;
    const delayNs = this.timeOf(first, phase) - now;
    let periodic: Timer | undefined;
    let stopped = false;
    const tick = () => {
      if (stopped) return;
      if (callback(this.roundAt(node.now(), phase)) === false) cancel();
    };
    const align = node.createTimer(delayNs / 1e9, () => {
      align.cancel();
      if (stopped) return;
      periodic = node.createTimer(this.periodNs / 1e9, tick);
      tick();
    });
    const cancel = () => {
      stopped = true;
      align.cancel();
      periodic?.cancel();
    };
    return { cancel };
  }
}
