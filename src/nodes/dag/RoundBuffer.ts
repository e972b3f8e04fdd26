/**
 * The actions of the rounds still open, as seen by one node (player, environment or monitor).
 * Rounds close in order, on completion or at the deadline; actions for a closed round, a round
 * too far ahead, a player not watched, an action out of range or a second action of a player
 * in one round are dropped and counted. Memory is bounded: at most `ahead` rounds are buffered.
 */
import type { PlayerAction } from '../../msg/definitions.generated.js';
import type { NodeHandle } from '../../runtime/NodeHandle.js';
import { REWARD_QOS } from '../../runtime/Qos.js';
import type { DropCounter } from '../DropCounter.js';
import type { RoundClock } from '../RoundClock.js';
import { PLAYER_ACTION, actionTopic } from './topics.js';

export interface OpenRound {
  round: number;
  /** Action per player (-1 = not received); only watched players are ever set. */
  actions: Int32Array;
  received: number;
}

export class RoundBuffer {
  /** Every round <= closedThrough is closed. */
  closedThrough = -1;
  readonly #size: number;
  readonly #actionCounts: readonly number[];
  readonly #watched: ReadonlySet<number>;
  readonly #horizon: number;
  readonly #ahead: number;
  readonly #drops: DropCounter;
  readonly #open = new Map<number, OpenRound>();

  constructor(options: { actionCounts: readonly number[]; watched: readonly number[]; horizon: number; drops: DropCounter; ahead?: number }) {
    this.#size = options.actionCounts.length;
    this.#actionCounts = options.actionCounts;
    this.#watched = new Set(options.watched);
    this.#horizon = options.horizon;
    this.#ahead = options.ahead ?? 2;
    this.#drops = options.drops;
  }

  /** Number of players this buffer waits for. */
  get expected(): number {
    return this.#watched.size;
  }

  /**
   * Records an action that arrived on player `from`'s topic; returns the round's state if it was
   * accepted, undefined if dropped.
   */
  add(from: number, msg: PlayerAction): OpenRound | undefined {
    if (msg.player_id !== from) return void this.#drops.drop('wrong-player', `action on player ${from}'s topic claims player ${msg.player_id}`);
    if (!this.#watched.has(from)) return void this.#drops.drop('wrong-player', `action of player ${from}, which this node does not observe`);
    const A = this.#actionCounts[from];
    if (!Number.isInteger(msg.action) || msg.action < 0 || msg.action >= A) return void this.#drops.drop('unknown-action', `player ${from} played action ${msg.action} (actions 0..${A - 1})`);
    const r = msg.round;
    if (!Number.isSafeInteger(r) || r < 0 || r >= this.#horizon) return void this.#drops.drop('bad-round', `action of player ${from} for round ${r}`);
    if (r <= this.closedThrough) return void this.#drops.drop('late-round', `action of player ${from} for round ${r}, already closed`);
    if (r > this.closedThrough + this.#ahead) return void this.#drops.drop('future-round', `action of player ${from} for round ${r} while round ${this.closedThrough + 1} is open`);
    let open = this.#open.get(r);
    if (!open) {
      open = { round: r, actions: new Int32Array(this.#size).fill(-1), received: 0 };
      this.#open.set(r, open);
    }
    if (open.actions[from] >= 0) return void this.#drops.drop('duplicate', `second action of player ${from} for round ${r}`);
    open.actions[from] = msg.action;
    open.received += 1;
    return open;
  }

  complete(open: OpenRound): boolean {
    return open.received === this.#watched.size;
  }

  /** The state of round r (empty if nothing arrived), without closing it. */
  peek(r: number): OpenRound {
    return this.#open.get(r) ?? { round: r, actions: new Int32Array(this.#size).fill(-1), received: 0 };
  }

  /** Closes every round up to and including r; calls `each` for each, in order. */
  closeThrough(r: number, each: (open: OpenRound) => void): void {
    while (this.closedThrough < r) {
      const next = this.closedThrough + 1;
      const open = this.peek(next);
      this.#open.delete(next);
      this.closedThrough = next;
      each(open);
    }
  }
}

/**
 * Feeds every player's actions into `buffer` and closes rounds through `close`: on completion
 * (`complete` true for the completed round itself) or at the deadline, phase `deadline` of the
 * round (`complete` false). Shared by the environment and the monitor, which see the same rounds.
 */
export function collectRounds(node: NodeHandle, clock: RoundClock, buffer: RoundBuffer, players: readonly number[], deadline: number, horizon: number, close: (o: OpenRound, complete: boolean) => void): void {
  for (const i of players) {
    node.createSubscription<PlayerAction>(PLAYER_ACTION, actionTopic(i), (msg) => {
      const open = buffer.add(i, msg);
      if (open && buffer.complete(open)) buffer.closeThrough(open.round, (o) => close(o, o.round === open.round));
    }, REWARD_QOS);
  }
  clock.every(node, deadline, (round) => {
    if (round < horizon) buffer.closeThrough(round, (o) => close(o, false));
    return round < horizon - 1;
  });
}
