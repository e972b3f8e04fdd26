/**
 * Per-type meaning checks run by `validateMessage` after the structure is known to be right:
 * parallel arrays of equal length, probabilities in range, counter invariants, enum values.
 * Each rule states what the .msg comment promises; keep the two in step.
 */
import { validateDag } from '../core/dag/Dag.js';
import { AgentTelemetry, RobotState, type MessageTypeName, type MessageTypes } from './definitions.generated.js';

/** Returns why `message` breaks a rule of its type, or null. Called with a structurally valid message. */
export type MessageRule<T extends MessageTypeName> = (message: MessageTypes[T]) => string | null;

function sameLength(owner: string, arrays: Record<string, ArrayLike<unknown>>, reference: string): string | null {
  const expected = arrays[reference]?.length ?? 0;
  for (const [name, array] of Object.entries(arrays)) {
    if (array.length !== expected) {
      return `field '${name}': expected ${expected} elements (parallel to ${reference} in ${owner}), found ${array.length}`;
    }
  }
  return null;
}

function inUnitInterval(name: string, value: number, openAtZero: boolean): string | null {
  const ok = openAtZero ? value > 0 && value <= 1 : value >= 0 && value <= 1;
  return ok ? null : `field '${name}': expected a probability in ${openAtZero ? '(0, 1]' : '[0, 1]'}, found ${value}`;
}

function nonNegative(name: string, value: number): string | null {
  return value >= 0 ? null : `field '${name}': expected an index >= 0, found ${value}`;
}

function armOrNone(name: string, value: number): string | null {
  return value >= AgentTelemetry.ARM_NONE ? null : `field '${name}': expected an arm index >= 0 or ARM_NONE (-1), found ${value}`;
}

function pathRule(path: readonly number[], probability: number): string | null {
  if (path.length === 0) return "field 'path': expected at least one agent id (the root), found an empty array";
  return inUnitInterval('arrival_probability', probability, true);
}

const PHASES = new Set<number>(Object.values(RobotState));

export const MESSAGE_RULES: { readonly [T in MessageTypeName]?: MessageRule<T> } = {
  'fleet_bandits_msgs/msg/ArmCommand': (m) => nonNegative('arm', m.arm),

  'fleet_bandits_msgs/msg/AgentTelemetry': (m) => {
    const reason = armOrNone('commanded_arm', m.commanded_arm) ?? armOrNone('played_arm', m.played_arm);
    if (reason !== null) return reason;
    if (m.played_arm !== AgentTelemetry.ARM_NONE && Number.isNaN(m.reward)) {
      return `field 'reward': expected a finite float64 when played_arm is ${m.played_arm} (NaN only when it is ARM_NONE), found NaN`;
    }
    return null;
  },

  'fleet_bandits_msgs/msg/LinkStats': (m) => {
    const reason =
      inUnitInterval('eps', m.eps, false) ??
      (Number.isNaN(m.empirical_eps) ? null : inUnitInterval('empirical_eps', m.empirical_eps, false));
    if (reason !== null) return reason;
    if (m.delivered + m.erased > m.sent) {
      return `fields 'delivered' + 'erased': expected at most sent (${m.sent}), found ${m.delivered} + ${m.erased}`;
    }
    if (m.delayed > m.delivered) {
      return `field 'delayed': expected at most delivered (${m.delivered}), found ${m.delayed}`;
    }
    if (m.feedback_lost > m.feedback_bits) {
      return `field 'feedback_lost': expected at most feedback_bits (${m.feedback_bits}), found ${m.feedback_lost}`;
    }
    return null;
  },

  'fleet_bandits_msgs/msg/LinkFeedback': (m) => (m.kind >= 1 && m.kind <= 3 ? null : `field 'kind': expected 1 (ACK), 2 (NACK) or 3 (STATUS), found ${m.kind}`),

  'fleet_bandits_msgs/msg/GraphTopology': (m) => {
    const reason = sameLength('GraphTopology', { node_ids: m.node_ids, positions: m.positions }, 'node_ids');
    if (reason !== null) return reason;
    if (m.node_labels.length !== 0 && m.node_labels.length !== m.node_ids.length) {
      return `field 'node_labels': expected 0 or ${m.node_ids.length} elements (parallel to node_ids), found ${m.node_labels.length}`;
    }
    const ids = new Set<number>();
    for (let i = 0; i < m.node_ids.length; i++) {
      const id = m.node_ids[i] as number;
      if (ids.has(id)) return `field 'node_ids[${i}]': expected unique node ids, found ${id} again`;
      ids.add(id);
    }
    for (let i = 0; i < m.edges.length; i++) {
      const edge = m.edges[i];
      if (edge === undefined) continue;
      if (!ids.has(edge.source)) return `field 'edges[${i}].source': expected one of node_ids, found ${edge.source}`;
      if (!ids.has(edge.target)) return `field 'edges[${i}].target': expected one of node_ids, found ${edge.target}`;
      if (!(edge.length > 0)) return `field 'edges[${i}].length': expected a length > 0 metres, found ${edge.length}`;
    }
    return null;
  },

  'fleet_bandits_msgs/msg/RobotState': (m) =>
    PHASES.has(m.phase) ? null : `field 'phase': expected one of the PHASE_* constants (0..4), found ${m.phase}`,

  'fleet_bandits_msgs/msg/Allocation': (m) =>
    sameLength(
      'Allocation',
      {
        node_ids: m.node_ids,
        target_counts: m.target_counts,
        means: m.means,
        ucbs: m.ucbs,
        sample_counts: m.sample_counts,
      },
      'node_ids',
    ),

  'fleet_bandits_msgs/msg/LearnerState': (m) =>
    sameLength('LearnerState', { estimates: m.estimates, counts: m.counts }, 'estimates'),

  'fleet_bandits_msgs/msg/Job': (m) => pathRule(m.path, m.arrival_probability) ?? (m.delay >= 0 ? null : `field 'delay': expected a delay >= 0, found ${m.delay}`),

  'fleet_bandits_msgs/msg/JobCost': (m) => pathRule(m.path, m.arrival_probability),

  'fleet_bandits_msgs/msg/PlayerAction': (m) => nonNegative('action', m.action),

  'fleet_bandits_msgs/msg/DagPlayer': (m) => dagPlayerRule(m, ''),

  'fleet_bandits_msgs/msg/DagTopology': (m) => {
    if (m.players.length === 0) return "field 'players': expected at least one player, found an empty array";
    for (let i = 0; i < m.players.length; i++) {
      const reason = dagPlayerRule(m.players[i], `players[${i}].`);
      if (reason !== null) return reason;
    }
    // Parents in range, no duplicates, no cycle: the same checks as a scenario's players.
    const issue = validateDag(m.players.map((p) => ({ actions: p.actions, parents: p.parents })))[0];
    if (issue === undefined) return null;
    const [i, field, j] = issue.path;
    const at = i === undefined ? 'players' : `players[${i}]${field === undefined ? '' : `.${field}`}${j === undefined ? '' : `[${j}]`}`;
    return `field '${at}': ${issue.message}`;
  },
};

function dagPlayerRule(p: MessageTypes['fleet_bandits_msgs/msg/DagPlayer'], at: string): string | null {
  if (p.actions < 1) return `field '${at}actions': expected at least 1 action, found ${p.actions}`;
  if (p.action_labels.length !== 0 && p.action_labels.length !== p.actions) {
    return `field '${at}action_labels': expected 0 or ${p.actions} elements (one per action), found ${p.action_labels.length}`;
  }
  return null;
}
