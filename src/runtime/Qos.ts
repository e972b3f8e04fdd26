/**
 * Quality-of-service profiles, named per purpose (after navigation2's qos_profiles.hpp), and the
 * ROS 2 compatibility rule between a publisher's offer and a subscription's request.
 */

export type Reliability = 'reliable' | 'best_effort';
export type Durability = 'volatile' | 'transient_local';

export interface QosProfile {
  reliability: Reliability;
  durability: Durability;
  /** Keep-last history depth (messages, >= 1). */
  depth: number;
}

/** Arm and waypoint commands: best effort (a lost command is the model, not a fault). */
export const COMMAND_QOS: QosProfile = { reliability: 'best_effort', durability: 'volatile', depth: 10 };
/** Rewards and samples: reliable, deep enough for a whole fleet's round. */
export const REWARD_QOS: QosProfile = { reliability: 'reliable', durability: 'volatile', depth: 1000 };
/** Ground-truth telemetry, states and reports for monitors and the viewer. */
export const TELEMETRY_QOS: QosProfile = { reliability: 'reliable', durability: 'volatile', depth: 1000 };
/** Latched topics (graph topology, plan): late joiners get the last message. */
export const LATCHED_QOS: QosProfile = { reliability: 'reliable', durability: 'transient_local', depth: 1 };
/** rclcpp's default: reliable, volatile, keep last 10. */
export const DEFAULT_QOS: QosProfile = { reliability: 'reliable', durability: 'volatile', depth: 10 };

/**
 * Why a publisher's offer cannot serve a subscription's request, or null if they match
 * (ROS 2: a reliable request needs a reliable offer; transient-local needs transient-local).
 */
export function qosIncompatibility(offered: QosProfile, requested: QosProfile): string | null {
  if (requested.reliability === 'reliable' && offered.reliability === 'best_effort') {
    return 'the subscription requests RELIABLE but the publisher offers BEST_EFFORT';
  }
  if (requested.durability === 'transient_local' && offered.durability === 'volatile') {
    return 'the subscription requests TRANSIENT_LOCAL but the publisher offers VOLATILE';
  }
  return null;
}

export function validateQos(qos: QosProfile): QosProfile {
  if (!Number.isInteger(qos.depth) || qos.depth < 1) throw new Error(`QoS depth must be an integer >= 1, found ${qos.depth}`);
  return qos;
}
