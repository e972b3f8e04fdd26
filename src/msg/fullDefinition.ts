/**
 * ROS 2 "complete message definition" texts (the MCAP `ros2msg` schema) and parsed definitions.
 *
 * `fullDefinition(type)` builds the text exactly as rosbag2 does (rosbag2_storage_mcap's
 * `MessageDefinitionCache::get_full_text`): the top-level .msg text, then, depth first and each
 * dependency once, a newline, a line of 80 `=`, a line `MSG: <pkg>/<Type>` and that type's text.
 * Dependencies of one type are visited in sorted order of their `pkg/Type` names, as rosbag2
 * keeps them in a `std::set`.
 *
 * The `MSG:` line names the type as .msg fields spell it, `pkg/Type` (no `/msg/`): that is what
 * rosbag2 writes, and @foxglove/rosmsg (hence Foxglove) only resolves a field `std_msgs/Header`
 * against a section named exactly `std_msgs/Header`; a `MSG: std_msgs/msg/Header` line fails to
 * parse there with "Expected 1 top level type definition for 'std_msgs/Header'".
 */
import { parse } from '@foxglove/rosmsg';
import { MESSAGE_SOURCES, type MessageSource, type MessageTypeName } from './definitions.generated.js';

/** One parsed type of a full definition (the root has `name: undefined`). */
export type ParsedMessageDefinition = ReturnType<typeof parse>[number];

/** The line between sections of a full definition: exactly 80 `=`. */
export const DEFINITION_SEPARATOR = '='.repeat(80);

const fullTexts = new Map<string, string>();
const parsed = new Map<string, readonly ParsedMessageDefinition[]>();

/** True if `type` is a message type this module knows, e.g. `fleet_bandits_msgs/msg/ArmCommand`. */
export function isMessageTypeName(type: string): type is MessageTypeName {
  return Object.prototype.hasOwnProperty.call(MESSAGE_SOURCES, type);
}

/** Every known message type string, sorted: this package's types first, then standard ones. */
export function messageTypeNames(): MessageTypeName[] {
  return Object.keys(MESSAGE_SOURCES) as MessageTypeName[];
}

/** The source record of `type`; throws an error naming the known types if it is unknown. */
export function messageSource(type: string): MessageSource {
  if (!isMessageTypeName(type)) {
    throw new Error(`unknown message type '${type}'; known: ${messageTypeNames().join(', ')}`);
  }
  return MESSAGE_SOURCES[type];
}

/** `std_msgs/msg/Header` -> `std_msgs/Header`, the spelling used in .msg fields and `MSG:` lines. */
export function shortTypeName(type: string): string {
  return type.replace('/msg/', '/');
}

/** `std_msgs/Header` (as in a parsed definition) or `std_msgs/msg/Header` -> `std_msgs/msg/Header`. */
export function canonicalTypeName(type: string): string {
  const parts = type.split('/');
  return parts.length === 2 ? `${parts[0]}/msg/${parts[1]}` : type;
}

/**
 * The complete message definition of `type`, for an MCAP schema (`encoding: 'ros2msg'`,
 * `name: type`) or a Foxglove WebSocket channel. Cached; throws for an unknown type.
 */
export function fullDefinition(type: MessageTypeName): string {
  const cached = fullTexts.get(type);
  if (cached !== undefined) return cached;
  const seen = new Set<string>();
  const append = (current: string): string => {
    let text = messageSource(current).text;
    const dependencies = [...messageSource(current).dependencies].sort((a, b) => {
      const sa = shortTypeName(a);
      const sb = shortTypeName(b);
      return sa < sb ? -1 : sa > sb ? 1 : 0;
    });
    for (const dependency of dependencies) {
      if (seen.has(dependency)) continue;
      seen.add(dependency);
      text += `\n${DEFINITION_SEPARATOR}\nMSG: ${shortTypeName(dependency)}\n${append(dependency)}`;
    }
    return text;
  };
  const text = append(type);
  fullTexts.set(type, text);
  return text;
}

/**
 * `fullDefinition(type)` parsed by @foxglove/rosmsg (`ros2: true`): the root definition first
 * (`name: undefined`), then one entry per dependency named `pkg/Type`. `builtin_interfaces/Time`
 * and `Duration` fields appear as the primitive types `time` and `duration`. Cached; do not mutate.
 */
export function parsedDefinitions(type: MessageTypeName): readonly ParsedMessageDefinition[] {
  let definitions = parsed.get(type);
  if (definitions === undefined) {
    definitions = parse(fullDefinition(type), { ros2: true });
    parsed.set(type, definitions);
  }
  return definitions;
}
