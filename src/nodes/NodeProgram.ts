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
}

export type NodeProgram = (node: NodeHandle) => NodeInstance | void;
