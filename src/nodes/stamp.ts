/** ROS 2 header stamps from a node's nanosecond clock. */
import type { NodeHandle } from '../runtime/NodeHandle.js';

export interface Stamp {
  sec: number;
  nanosec: number;
}

export function toStamp(ns: number): Stamp {
  const sec = Math.floor(ns / 1e9);
  return { sec, nanosec: Math.round(ns - sec * 1e9) };
}

export function header(node: NodeHandle, frameId = ''): { stamp: Stamp; frame_id: string } {
  return { stamp: toStamp(node.now()), frame_id: frameId };
}
