/**
 * Gathers one RobotState per robot per step and calls back once a step is complete, in step
 * order. A step still missing robots when a later step completes is closed with what arrived
 * (counted), so one lost message never stalls the mission.
 */
import type { RobotState } from '../../msg/definitions.generated.js';
import type { DropCounter } from '../DropCounter.js';

export class StepCollector {
  readonly #robots: number;
  readonly #horizon: number;
  readonly #drops: DropCounter;
  readonly #onStep: (step: number, states: (RobotState | undefined)[]) => void;
  readonly #pending = new Map<number, (RobotState | undefined)[]>();
  readonly #counts = new Map<number, number>();
  #next = 0;

  constructor(robots: number, horizon: number, drops: DropCounter, onStep: (step: number, states: (RobotState | undefined)[]) => void) {
    this.#robots = robots;
    this.#horizon = horizon;
    this.#drops = drops;
    this.#onStep = onStep;
  }

  /** Steps closed so far. */
  get closed(): number {
    return this.#next;
  }

  add(robot: number, state: RobotState): void {
    const step = state.step;
    if (state.robot_id !== robot) return this.#drops.drop('wrong-robot', `state on robot ${robot}'s topic claims robot ${state.robot_id}`);
    if (step < this.#next || step >= this.#horizon) return this.#drops.drop('late-step', `state of robot ${robot} for step ${step} (next open step ${this.#next})`);
    let row = this.#pending.get(step);
    if (!row) {
      row = new Array(this.#robots);
      this.#pending.set(step, row);
    }
    if (row[robot] !== undefined) return this.#drops.drop('duplicate', `second state of robot ${robot} for step ${step}`);
    row[robot] = state;
    this.#counts.set(step, (this.#counts.get(step) ?? 0) + 1);
    if (this.#counts.get(step) !== this.#robots) return;
    while (this.#next <= step) {
      const s = this.#next++;
      const states = this.#pending.get(s) ?? new Array(this.#robots);
      const got = this.#counts.get(s) ?? 0;
      if (got < this.#robots) this.#drops.drop('missing-state', `step ${s}: states from ${got} of ${this.#robots} robots`);
      this.#pending.delete(s);
      this.#counts.delete(s);
      this.#onStep(s, states);
    }
  }
}
