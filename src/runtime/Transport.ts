/**
 * A transport creates nodes that share one ROS graph: the embedded in-memory bus
 * (`runtime/memory/`) or ROS 2 through rclnodejs (`runtime/ros/`).
 */
import type { NodeHandle, NodeOptions } from './NodeHandle.js';

export interface Transport {
  /** 'memory' or 'ros'. */
  readonly kind: string;
  createNode(name: string, options?: NodeOptions): NodeHandle;
  /** Destroys every node and releases the middleware. */
  shutdown(): Promise<void>;
}
