/**
 * Gathers one RobotState per robot per step and calls back once a step is complete, in step
 * order. A step still missing robots when a later step completes is closed with what arrived
 * (counted), so one lost message never stalls the mission. Robots known to be down in a step
 * (scenario faults, `expected`) are not waited for; a step with nobody up closes on its own.
 */
import type { RobotState } from '../../msg/definitions.generated.js';
import type { DropCounter } from '../DropCounter.js';

export class StepCollector {
  readonly #robots: number;
  readonly #horizon: number;
  readonly #drops: DropCounter;
  readonly #onStep: (step: number, states: (RobotState | undefined)[]) => void;
  readonly #expected: (step: number) => number;
  readonly #pending = new Map<number, (RobotState | undefined)[]>();
  readonly #counts = new Map<number, number>();
  #next = 0;

  /** @param expected robots whose state step `step` waits for (default: all). */
  constructor(robots: number, horizon: number, drops: DropCounter, onStep: (step: number, states: (RobotState | undefined)[]) => void, expected?: (step: number) => number) {
    this.#robots = robots;
    this.#expected = expected ?? (() => robots);
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
    if (this.#counts.get(step) !== this.#expected(step)) return;
    while (this.#next <= step) this.#close(this.#next++);
    while (this.#next < this.#horizon && this.#expected(this.#next) === 0) this.#close(this.#next++);
  }

  #close(s: number): void {
    const states = this.#pending.get(s) ?? new Array(this.#robots);
    const got = this.#counts.get(s) ?? 0;
    const want = this.#expected(s);
    if (got < want) this.#drops.drop('missing-state', `step ${s}: states from ${got} of ${want} robots`);
    this.#pending.delete(s);
    this.#counts.delete(s);
    this.#onStep(s, states);
  }
}
