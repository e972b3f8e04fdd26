/**
 * Introspection of an embedded graph for recording: every topic with its type and the QoS its
 * publishers offer, like `ros2 topic list -t` plus `ros2 topic info -v`.
 */
import type { MemoryTransport } from '../../runtime/memory/MemoryTransport.js';
import type { RecorderTopic } from './Recorder.js';

export function graphTopics(transport: MemoryTransport): RecorderTopic[] {
  return transport.topics().map((t) => ({
    name: t.name,
    type: t.type,
    // `topics()` reports endpoint counts only; the offers live in the transport's topic table.
    // `topicState` returns the existing entry here (the name and type come from `topics()`).
    offeredQos: transport.topicState(t.name, t.type).publishers.map((p) => ({ ...p.qos })),
  }));
}
