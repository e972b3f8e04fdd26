/**
 * When each agent (or robot) is down, from a scenario's `agent-crash` / `robot-crash` faults.
 * Rule while down: it receives nothing (commands that reach it are lost), plays or moves
 * nothing and reports nothing (no reward, no telemetry, no sample is invented). On restart it
 * has lost its memory: an erasure agent plays its base action until a command arrives, a bandit
 * agent waits for the next command (perfect link: the same round), a robot resumes at the site
 * where it stopped.
 */
import { inWindow, type FaultSpec } from './FaultSpec.js';

export class AgentDowntime {
  readonly #windows: { from: number; to: number }[][];
  /** Agent-rounds (robot-steps) of downtime in [0, horizon). */
  readonly total: number;

  /** @param count agents (robots) in the fleet. */
  constructor(faults: readonly FaultSpec[] | undefined, count: number) {
    this.#windows = Array.from({ length: count }, () => []);
    let total = 0;
    for (const f of faults ?? []) {
      if (f.kind !== 'agent-crash' && f.kind !== 'robot-crash') continue;
      for (const id of f.kind === 'agent-crash' ? f.agents : f.robots) this.#windows[id]?.push({ from: f.from, to: f.to });
    }
    // Overlapping windows count once per agent-round: merge them in order of start.
    for (const ws of this.#windows) {
      let end = -1;
      for (const w of [...ws].sort((a, b) => a.from - b.from)) {
        total += Math.max(0, w.to - Math.max(w.from, end));
        end = Math.max(end, w.to);
      }
    }
    this.total = total;
  }

  /** Whether agent `id` has any downtime at all. */
  affects(id: number): boolean {
    return (this.#windows[id]?.length ?? 0) > 0;
  }

  isDown(id: number, round: number): boolean {
    const ws = this.#windows[id];
    if (!ws) return false;
    for (const w of ws) if (inWindow(round, w)) return true;
    return false;
  }

  /** Agents up in `round`. */
  upCount(round: number): number {
    let n = 0;
    for (let id = 0; id < this.#windows.length; id++) if (!this.isDown(id, round)) n++;
    return n;
  }
}
