/**
 * Per-step robot faults of a coverage scenario (`robot-crash`, `robot-stuck`), for the fast
 * simulator and the robot, planner, environment and monitor nodes alike. Steps are 0-based.
 * - Crashed robot: no state, no sample, no motion; waypoints that reach it are lost; it forgets
 *   its waypoint (on restart it stands, or finishes its edge, until a new one arrives).
 * - Stuck robot: alive (state and samples as usual, waypoints accepted) but it does not move.
 */
import { AgentDowntime } from './AgentDowntime.js';
import { inWindow, type FaultSpec } from './FaultSpec.js';

export class RobotFaults {
  readonly down: AgentDowntime;
  readonly #stuck: { from: number; to: number }[][];
  /** Whether any robot fault exists (callers skip the per-step work otherwise). */
  readonly any: boolean;

  constructor(faults: readonly FaultSpec[] | undefined, robots: number) {
    this.down = new AgentDowntime(faults, robots);
    this.#stuck = Array.from({ length: robots }, () => []);
    let stuck = false;
    for (const f of faults ?? []) {
      if (f.kind !== 'robot-stuck') continue;
      for (const id of f.robots) this.#stuck[id]?.push({ from: f.from, to: f.from + f.steps });
      stuck = true;
    }
    this.any = stuck || this.down.total > 0;
  }

  isDown(robot: number, step: number): boolean {
    return this.down.isDown(robot, step);
  }

  isStuck(robot: number, step: number): boolean {
    const ws = this.#stuck[robot];
    if (!ws) return false;
    for (const w of ws) if (inWindow(step, w)) return true;
    return false;
  }

  /** Robots whose state is expected in `step` (the up ones). */
  upCount(step: number): number {
    return this.down.upCount(step);
  }
}
