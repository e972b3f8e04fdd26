/**
 * The `offered_qos_profiles` channel metadata of a ROS 2 bag: the QoS each publisher of a topic
 * offered, as the YAML string rosbag2 writes (rosbag2_storage `qos.cpp`), its parser, and the
 * offer a player should make from them.
 *
 * We write the integer-enum form (metadata versions <= 8): Humble reads only that form, and Jazzy
 * and later tell the two forms apart by whether `history` is an integer. The parser also accepts
 * the string form of version 9 (`reliability: reliable`).
 */
import { parse as parseYaml } from 'yaml';

/**
 * The QoS a publisher offered. Structurally the runtime's `QosProfile`, declared here because
 * `record/` sits below `runtime/` and must not import it.
 */
export interface RecordedQos {
  reliability: 'reliable' | 'best_effort';
  durability: 'volatile' | 'transient_local';
  /** Keep-last history depth (messages, >= 1). */
  depth: number;
}

// rmw enum values (rmw/types.h); history 1 = KEEP_LAST, liveliness 1 = AUTOMATIC.
const RELIABILITY_CODE = { reliable: 1, best_effort: 2 } as const;
const DURABILITY_CODE = { transient_local: 1, volatile: 2 } as const;
const HISTORY_KEEP_LAST = 1;
const LIVELINESS_AUTOMATIC = 1;
/** RMW_DURATION_INFINITE, the value rmw reports for an unset deadline, lifespan or lease. */
const INFINITE_DURATION = '\n    sec: 9223372036\n    nsec: 854775807';

/** Depth a player uses when the bag says 0 or keep-all (rosbag2's default history, keep last 10). */
export const DEFAULT_REPLAY_DEPTH = 10;

/**
 * The YAML string of `profiles`, one sequence item per publisher, laid out as yaml-cpp dumps it
 * (no trailing newline). No publishers gives '' (rosbag2 reads that as "no offers").
 */
export function writeOfferedQosProfiles(profiles: readonly RecordedQos[]): string {
  return profiles
    .map((p) =>
      [
        `- history: ${HISTORY_KEEP_LAST}`,
        `  depth: ${p.depth}`,
        `  reliability: ${RELIABILITY_CODE[p.reliability]}`,
        `  durability: ${DURABILITY_CODE[p.durability]}`,
        `  deadline:${INFINITE_DURATION}`,
        `  lifespan:${INFINITE_DURATION}`,
        `  liveliness: ${LIVELINESS_AUTOMATIC}`,
        `  liveliness_lease_duration:${INFINITE_DURATION}`,
        '  avoid_ros_namespace_conventions: false',
      ].join('\n'),
    )
    .join('\n');
}

/**
 * The profiles in an `offered_qos_profiles` string (either enum form). Throws naming the item and
 * field for anything else. Depth 0 (what rosbag2 records from rmw, which does not report history)
 * and keep-all become DEFAULT_REPLAY_DEPTH, since our profiles are always keep-last.
 */
export function parseOfferedQosProfiles(text: string): RecordedQos[] {
  if (text.trim() === '') return [];
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (error) {
    throw new Error(`offered_qos_profiles is not YAML: ${(error as Error).message.split('\n')[0]}`);
  }
  if (doc === null || doc === undefined) return [];
  if (!Array.isArray(doc)) throw new Error(`offered_qos_profiles: expected a YAML sequence, found ${typeof doc}`);
  return doc.map((item, i) => {
    if (typeof item !== 'object' || item === null) throw new Error(`offered_qos_profiles[${i}]: expected a mapping, found ${JSON.stringify(item)}`);
    const p = item as Record<string, unknown>;
    const reliability = enumValue(p.reliability, { 1: 'reliable', 2: 'best_effort', reliable: 'reliable', best_effort: 'best_effort' }, `offered_qos_profiles[${i}].reliability`);
    const durability = enumValue(p.durability, { 1: 'transient_local', 2: 'volatile', transient_local: 'transient_local', volatile: 'volatile' }, `offered_qos_profiles[${i}].durability`);
    const keepAll = p.history === 2 || p.history === 'keep_all';
    const depth = typeof p.depth === 'number' && Number.isInteger(p.depth) && p.depth >= 1 && !keepAll ? p.depth : DEFAULT_REPLAY_DEPTH;
    return { reliability, durability, depth };
  });
}

function enumValue<T extends string>(value: unknown, known: Record<string, T>, where: string): T {
  const found = known[String(value)];
  if (found === undefined) {
    throw new Error(`${where}: '${String(value)}' is not supported; known: ${[...new Set(Object.keys(known))].join(', ')}`);
  }
  return found;
}

/**
 * The QoS a player offers for a topic with these recorded offers, as rosbag2 decides it: the
 * recorded profile if every publisher offered the same reliability and durability, else the
 * default (reliable, volatile, keep last 10).
 */
export function adaptOfferToRecordedOffers(profiles: readonly RecordedQos[]): RecordedQos {
  const fallback: RecordedQos = { reliability: 'reliable', durability: 'volatile', depth: DEFAULT_REPLAY_DEPTH };
  if (profiles.length === 0) return fallback;
  const [first] = profiles;
  const same = profiles.every((p) => p.reliability === first.reliability && p.durability === first.durability);
  return same ? { reliability: first.reliability, durability: first.durability, depth: Math.max(...profiles.map((p) => p.depth)) } : fallback;
}

/**
 * The QoS a recorder requests to hear every publisher (rosbag2's `adapt_request_to_offers`):
 * reliable only if all offer it, transient-local (to get latched messages) only if all offer it.
 * `depth` is the recorder's own queue depth.
 */
export function adaptRequestToOffers(profiles: readonly RecordedQos[], depth: number): RecordedQos {
  const all = <K extends keyof RecordedQos>(key: K, value: RecordedQos[K]) => profiles.length > 0 && profiles.every((p) => p[key] === value);
  return {
    reliability: all('reliability', 'reliable') ? 'reliable' : 'best_effort',
    durability: all('durability', 'transient_local') ? 'transient_local' : 'volatile',
    depth,
  };
}
