/**
 * Events ordered by (time, insertion order): FIFO among equal times. A binary min-heap, plus a
 * FIFO lane for a run of events pushed at one time that is not later than the heap's earliest
 * (the usual case: callbacks scheduled "now"), which skips the heap's sifting; `pop` takes the
 * earlier of the two heads, so the order is exactly the heap's alone.
 */

export interface QueuedEvent {
  timeNs: number;
  seq: number;
  run: () => void;
}

export class EventQueue {
  readonly #heap: QueuedEvent[] = [];
  /** Events of one time, in insertion order, from `#laneHead` on. */
  readonly #lane: QueuedEvent[] = [];
  #laneHead = 0;
  #seq = 0;

  get size(): number {
    return this.#heap.length + this.#lane.length - this.#laneHead;
  }

  /** Time of the earliest event, or Infinity when empty. */
  peekTime(): number {
    const heapTime = this.#heap.length > 0 ? this.#heap[0].timeNs : Infinity;
    const laneTime = this.#laneHead < this.#lane.length ? this.#lane[this.#laneHead].timeNs : Infinity;
    return heapTime < laneTime ? heapTime : laneTime;
  }

  push(timeNs: number, run: () => void): void {
    const event = { timeNs, seq: this.#seq++, run };
    const lane = this.#lane;
    if (this.#laneHead < lane.length ? lane[lane.length - 1].timeNs === timeNs : this.#heap.length === 0 || timeNs <= this.#heap[0].timeNs) {
      lane.push(event);
      return;
    }
    const h = this.#heap;
    h.push(event);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!before(h[i], h[p])) break;
      [h[i], h[p]] = [h[p], h[i]];
      i = p;
    }
  }

  pop(): QueuedEvent | undefined {
    const h = this.#heap;
    const lane = this.#lane;
    if (this.#laneHead < lane.length && (h.length === 0 || before(lane[this.#laneHead], h[0]))) {
      const event = lane[this.#laneHead++];
      if (this.#laneHead === lane.length) {
        lane.length = 0;
        this.#laneHead = 0;
      }
      return event;
    }
    if (h.length === 0) return undefined;
    const top = h[0];
    const last = h.pop()!;
    if (h.length > 0) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && before(h[l], h[m])) m = l;
        if (r < h.length && before(h[r], h[m])) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m], h[i]];
        i = m;
      }
    }
    return top;
  }

  clear(): void {
    this.#heap.length = 0;
    this.#lane.length = 0;
    this.#laneHead = 0;
  }
}

function before(a: QueuedEvent, b: QueuedEvent): boolean {
  return a.timeNs < b.timeNs || (a.timeNs === b.timeNs && a.seq < b.seq);
}
