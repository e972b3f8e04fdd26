/** Our named QoS profiles as `rclnodejs.QoS` objects: keep-last history with the profile's depth. */
import { validateQos, type QosProfile } from '../Qos.js';
import type { RclnodejsApi, RclQoS } from './RclnodejsApi.js';

export function toRclQos(api: RclnodejsApi, profile: QosProfile): RclQoS {
  const { QoS } = api;
  const q = validateQos(profile);
  return new QoS(
    QoS.HistoryPolicy.RMW_QOS_POLICY_HISTORY_KEEP_LAST,
    q.depth,
    q.reliability === 'reliable' ? QoS.ReliabilityPolicy.RMW_QOS_POLICY_RELIABILITY_RELIABLE : QoS.ReliabilityPolicy.RMW_QOS_POLICY_RELIABILITY_BEST_EFFORT,
    q.durability === 'transient_local' ? QoS.DurabilityPolicy.RMW_QOS_POLICY_DURABILITY_TRANSIENT_LOCAL : QoS.DurabilityPolicy.RMW_QOS_POLICY_DURABILITY_VOLATILE,
  );
}
