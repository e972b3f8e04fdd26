/**
 * Publishes a node's dropped-message counts on `/diagnostics` as `diagnostic_msgs/DiagnosticArray`
 * (the ROS convention: rqt_robot_monitor and Foxglove's diagnostics panel show it). Nothing is
 * published until the first drop, so clean runs carry no extra topic; then the counts go out at
 * once and at most every `periodSeconds` of node time while they change.
 */
import { DiagnosticMsgsDiagnosticStatus, type DiagnosticMsgsDiagnosticArray } from '../msg/definitions.generated.js';
import type { NodeHandle, Publisher } from '../runtime/NodeHandle.js';
import { DEFAULT_QOS } from '../runtime/Qos.js';
import type { DropCounter } from './DropCounter.js';
import { header } from './stamp.js';

export const DIAGNOSTICS_TOPIC = '/diagnostics';
export const DIAGNOSTIC_ARRAY = 'diagnostic_msgs/msg/DiagnosticArray';

/** The status of one node's drops: WARN with one key per reason once anything was dropped. */
export function dropStatus(node: NodeHandle, drops: DropCounter): DiagnosticMsgsDiagnosticArray['status'][number] {
  const counts = drops.entries();
  return {
    level: counts.length > 0 ? DiagnosticMsgsDiagnosticStatus.WARN : DiagnosticMsgsDiagnosticStatus.OK,
    name: `${node.fullyQualifiedName}: message hygiene`,
    message: counts.length > 0 ? `dropped ${drops.total} messages: ${drops.summary()}` : 'no messages dropped',
    hardware_id: '',
    values: counts.map(([key, n]) => ({ key, value: String(n) })),
  };
}

/**
 * Hooks `drops` so its counts are published on /diagnostics (see the module comment). No periodic
 * timer: a drop publishes at once, or arms one one-shot timer for the rest of the period, so an
 * idle node (a recorder spun until its transport is quiet) is not kept alive by diagnostics.
 */
export function publishDropDiagnostics(node: NodeHandle, drops: DropCounter, periodSeconds = 1): void {
  let pub: Publisher<DiagnosticMsgsDiagnosticArray> | undefined;
  let published = -1;
  let lastNs = -Infinity;
  let pending = false;
  const publish = () => {
    if (drops.total === published) return;
    published = drops.total;
    lastNs = node.now();
    pub!.publish({ header: header(node), status: [dropStatus(node, drops)] });
  };
  drops.onDrop(() => {
    pub ??= node.createPublisher<DiagnosticMsgsDiagnosticArray>(DIAGNOSTIC_ARRAY, DIAGNOSTICS_TOPIC, DEFAULT_QOS);
    if (pending) return;
    const waitNs = lastNs + periodSeconds * 1e9 - node.now();
    if (waitNs <= 0) return publish();
    pending = true;
    const timer = node.createTimer(waitNs / 1e9, () => {
      timer.cancel();
      pending = false;
      publish();
    });
  });
}
