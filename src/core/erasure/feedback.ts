/**
 * Erasure feedback on the uplink (Karakas, Hanna, Yang, Fragouli, journal version; spec
 * erasure-feedback.md section 1): which bit the agent side sends back about a transmission, and
 * what the learner may conclude from what it hears.
 *
 * | mode        | bit sent                                  | silence means (reliable uplink) |
 * |-------------|-------------------------------------------|---------------------------------|
 * | none        | never                                     | nothing                         |
 * | beacon      | ACK or NACK for every transmission        | (never silent)                  |
 * | ack_success | ACK when a transmission arrives           | erased                          |
 * | nack_erase  | NACK when a transmission is erased        | delivered                       |
 * | all         | ACK/NACK, and STATUS when nothing was sent| (never silent)                  |
 *
 * Divergence from the journal's code, which reads the true erasure bits: the uplink may lose
 * bits too (scenario `feedbackLink`). Then silence proves nothing, and the learner only believes
 * a delivery it has heard acknowledged (`nack_erase` cannot work over a lossy uplink and is
 * refused by the scenario schema).
 */

export const FEEDBACK_MODES = ['none', 'beacon', 'ack_success', 'nack_erase', 'all'] as const;
export type FeedbackMode = (typeof FEEDBACK_MODES)[number];

/** What travels (or was heard) on the uplink about one agent in one round. */
export const FB_NONE = 0;
export const FB_ACK = 1;
export const FB_NACK = 2;
/** `all` mode: a per-round status although nothing was sent (carries no delivery information). */
export const FB_STATUS = 3;

/** The bit agent-side sends this round: FB_NONE when the mode sends nothing. */
export function feedbackBit(mode: FeedbackMode, transmitted: boolean, delivered: boolean): number {
  switch (mode) {
    case 'none':
      return FB_NONE;
    case 'beacon':
      return transmitted ? (delivered ? FB_ACK : FB_NACK) : FB_NONE;
    case 'ack_success':
      return transmitted && delivered ? FB_ACK : FB_NONE;
    case 'nack_erase':
      return transmitted && !delivered ? FB_NACK : FB_NONE;
    case 'all':
      return transmitted ? (delivered ? FB_ACK : FB_NACK) : FB_STATUS;
  }
}

/**
 * The learner's side of the stop-on-success rule (spec section 1), per agent:
 * ```
 * tx = mode == none or pending or proposed != lastDelivered     (pending starts true)
 * ```
 * and what it knows afterwards: `played(j)` is the arm agent j surely plays this round, or -1
 * when the learner cannot know it (before the first heard delivery, or after a transmission
 * whose outcome it did not hear). A learner credits a reward only to `played(j)`.
 *
 * Per round: `command(j, proposed)` for every agent, then `hear(j, bit)` for every agent.
 */
export class DeliveryTracker {
  readonly mode: FeedbackMode;
  readonly lossyUplink: boolean;
  readonly #known: Int32Array;
  readonly #pending: Uint8Array;
  readonly #sent: Int32Array;
  readonly #outcome: Int8Array;
  /** Transmissions so far (learner-to-agent commands actually sent). */
  transmissions = 0;

  constructor(agents: number, mode: FeedbackMode, lossyUplink: boolean) {
    if (mode === 'nack_erase' && lossyUplink) {
      throw new RangeError("feedback mode 'nack_erase' needs a reliable uplink: over a lossy one, silence does not prove delivery");
    }
    this.mode = mode;
    this.lossyUplink = lossyUplink;
    this.#known = new Int32Array(agents);
    this.#pending = new Uint8Array(agents);
    this.#sent = new Int32Array(agents);
    this.#outcome = new Int8Array(agents);
    this.reset();
  }

  reset(): void {
    this.#known.fill(-1);
    this.#pending.fill(1);
    this.#sent.fill(-1);
    this.#outcome.fill(-2);
    this.transmissions = 0;
  }

  /** The command to send to agent j for proposal `proposed` (-1: propose nothing); -1 = stay silent. */
  command(j: number, proposed: number): number {
    const tx = proposed >= 0 && (this.mode === 'none' || this.#pending[j] === 1 || proposed !== this.#known[j]);
    this.#sent[j] = tx ? proposed : -1;
    if (tx) this.transmissions += 1;
    return this.#sent[j];
  }

  /** What the learner heard about agent j this round (FB_NONE for silence). */
  hear(j: number, bit: number): void {
    const sent = this.#sent[j];
    this.#outcome[j] = -2;
    if (sent < 0) return; // nothing sent: the agent plays what it played, and a status bit says nothing new
    let delivered: number; // 1 yes, 0 no, -1 unknown
    if (this.mode === 'none') delivered = -1;
    else if (bit === FB_ACK) delivered = 1;
    else if (bit === FB_NACK) delivered = 0;
    else if (this.lossyUplink) delivered = -1;
    else delivered = this.mode === 'ack_success' ? 0 : this.mode === 'nack_erase' ? 1 : -1;
    this.#outcome[j] = delivered;
    if (delivered === 1) {
      this.#known[j] = sent;
      this.#pending[j] = 0;
    } else {
      this.#pending[j] = 1;
      // Erased: the agent still plays its old arm (known or not). Unknown: it plays one of two.
      if (delivered === -1) this.#known[j] = -1;
    }
  }

  /** What the learner concluded about this round's transmission to j: 1 delivered, 0 erased, -1 unknown, -2 nothing sent. */
  outcome(j: number): number {
    return this.#outcome[j];
  }

  /** The arm agent j surely plays this round, -1 if the learner cannot know. */
  played(j: number): number {
    return this.#known[j];
  }
}
