/**
 * Guards the nextCommands(t) / observe(t) alternation of an ErasureLearner (the round structure
 * of Hanna et al., AISTATS 2024, Sec. II-B), so that a node that drops or repeats a round gets a
 * clear error instead of a silently shifted schedule.
 */
export class RoundSequence {
  readonly #owner: string;
  /** Next round expected by `commands` (0-based). */
  #next = 0;
  #awaitingObserve = false;

  constructor(owner: string) {
    this.#owner = owner;
  }

  /** Rounds fully observed. */
  get observed(): number {
    return this.#awaitingObserve ? this.#next - 1 : this.#next;
  }

  reset(): void {
    this.#next = 0;
    this.#awaitingObserve = false;
  }

  commands(round: number): void {
    if (this.#awaitingObserve) {
      throw new Error(`${this.#owner}.nextCommands(${round}) called before observe(${this.#next - 1}); every round needs observe() before the next commands`);
    }
    if (round !== this.#next) throw new Error(`${this.#owner}.nextCommands: expected round ${this.#next}, found ${round}`);
    this.#next += 1;
    this.#awaitingObserve = true;
  }

  observe(round: number): void {
    if (!this.#awaitingObserve || round !== this.#next - 1) {
      const expected = this.#awaitingObserve ? `round ${this.#next - 1}` : `nextCommands(${this.#next}) first`;
      throw new Error(`${this.#owner}.observe: expected ${expected}, found round ${round}`);
    }
    this.#awaitingObserve = false;
  }
}
