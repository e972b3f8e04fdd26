/**
 * A node program: the body of one ROS 2 node (learner, agent, link, monitor, ...), written once
 * against `NodeHandle` and run unchanged on the embedded transport or on ROS 2.
 *
 * The program declares its parameters first (all of them, with defaults), then creates its
 * publishers, subscriptions and timers. It returns an optional hook for clean shutdown.
 */
import type { NodeHandle } from '../runtime/NodeHandle.js';

export interface NodeInstance {
  /** Called before the node is destroyed (flush state, log a summary). */
  shutdown?(): void;
  /**
   * Resolves (with why) when the node's work is done, e.g. the monitor at the horizon: its ROS 2
   * process then runs its shutdown hook and exits 0, and `ros2 launch` ends the whole run.
   */
  finished?: Promise<string>;
}

/** A `finished` promise and the function that resolves it (once). */
export function finishLine(): { finished: Promise<string>; finish(why: string): void } {
  let finish!: (why: string) => void;
  const finished = new Promise<string>((resolve) => {
    finish = resolve;
  });
  return { finished, finish };
}

export type NodeProgram = (node: NodeHandle) => NodeInstance | void;
