/**
 * Counts messages a node refuses (bad values, unknown ids, late or duplicate rounds), logging the
 * first of each reason at warn level and every later one at debug, so a flood never floods logs.
 */
import type { Logger } from '../runtime/Logger.js';

export class DropCounter {
  readonly #logger: Logger;
  readonly #counts = new Map<string, number>();
  readonly #listeners: (() => void)[] = [];

  constructor(logger: Logger) {
    this.#logger = logger;
  }

  /** Records one dropped message; `reason` groups counts, `detail` describes this one. */
  drop(reason: string, detail: string): void {
    const n = (this.#counts.get(reason) ?? 0) + 1;
    this.#counts.set(reason, n);
    if (n === 1) this.#logger.warn(`dropped: ${detail} (reason '${reason}'; further drops of this kind are logged at debug level)`);
    else this.#logger.debug(`dropped: ${detail}`);
    for (const listener of this.#listeners) listener();
  }

  /** Calls `listener` after every drop (e.g. to publish diagnostics). */
  onDrop(listener: () => void): void {
    this.#listeners.push(listener);
  }

  /** [reason, count] pairs in the order the reasons first occurred. */
  entries(): [string, number][] {
    return [...this.#counts.entries()];
  }

  get total(): number {
    let t = 0;
    for (const n of this.#counts.values()) t += n;
    return t;
  }

  count(reason: string): number {
    return this.#counts.get(reason) ?? 0;
  }

  /** `late-round=3, unknown-agent=1`, or '' when nothing was dropped. */
  summary(): string {
    return [...this.#counts.entries()].map(([k, v]) => `${k}=${v}`).join(', ');
  }
}
