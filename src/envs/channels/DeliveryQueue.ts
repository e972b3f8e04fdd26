/**
 * Commands in flight on one delaying link, released in arrival order: a binary min-heap on
 * (arrival round, sent round) in typed arrays, grown by doubling (no allocation per round in the
 * steady state). The simulator holds one per agent; a link node can hold the same.
 * ```ts
 * queue.push(arrival, round, arm);
 * while (queue.popDue(round)) agent.receive(queue.sent, queue.arm);
 * ```
 */
export class DeliveryQueue {
  /** Sent round of the entry last returned by `popDue`. */
  sent = -1;
  /** Arm of the entry last returned by `popDue`. */
  arm = -1;
  #arrival: Float64Array;
  #sent: Float64Array;
  #arm: Int32Array;
  #size = 0;

  constructor(capacity = 16) {
    this.#arrival = new Float64Array(capacity);
    this.#sent = new Float64Array(capacity);
    this.#arm = new Int32Array(capacity);
  }

  get size(): number {
    return this.#size;
  }

  clear(): void {
    this.#size = 0;
  }

  /** How many queued commands carry an arm other than `arm`. */
  countOther(arm: number): number {
    let n = 0;
    for (let i = 0; i < this.#size; i++) if (this.#arm[i] !== arm) n++;
    return n;
  }

  /** Queue a command sent in round `sent`, arriving in round `arrival`. */
  push(arrival: number, sent: number, arm: number): void {
    if (this.#size === this.#arrival.length) this.#grow();
    let i = this.#size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.#before(arrival, sent, this.#arrival[parent], this.#sent[parent])) break;
      this.#set(i, this.#arrival[parent], this.#sent[parent], this.#arm[parent]);
      i = parent;
    }
    this.#set(i, arrival, sent, arm);
  }

  /** Remove the earliest entry arriving by `round` into `sent` / `arm`; false when none is due. */
  popDue(round: number): boolean {
    if (this.#size === 0 || this.#arrival[0] > round) return false;
    this.sent = this.#sent[0];
    this.arm = this.#arm[0];
    const n = --this.#size;
    const a = this.#arrival[n];
    const s = this.#sent[n];
    const m = this.#arm[n];
    let i = 0;
    while (true) {
      let child = 2 * i + 1;
      if (child >= n) break;
      if (child + 1 < n && this.#before(this.#arrival[child + 1], this.#sent[child + 1], this.#arrival[child], this.#sent[child])) child += 1;
      if (!this.#before(this.#arrival[child], this.#sent[child], a, s)) break;
      this.#set(i, this.#arrival[child], this.#sent[child], this.#arm[child]);
      i = child;
    }
    this.#set(i, a, s, m);
    return true;
  }

  #before(a1: number, s1: number, a2: number, s2: number): boolean {
    return a1 < a2 || (a1 === a2 && s1 < s2);
  }

  #set(i: number, arrival: number, sent: number, arm: number): void {
    this.#arrival[i] = arrival;
    this.#sent[i] = sent;
    this.#arm[i] = arm;
  }

  #grow(): void {
    const n = this.#arrival.length * 2;
    const arrival = new Float64Array(n);
    const sent = new Float64Array(n);
    const arm = new Int32Array(n);
    arrival.set(this.#arrival);
    sent.set(this.#sent);
    arm.set(this.#arm);
    this.#arrival = arrival;
    this.#sent = sent;
    this.#arm = arm;
  }
}
