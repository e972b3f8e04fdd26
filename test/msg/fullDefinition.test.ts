// fullDefinition(): the rosbag2-style complete message definition used as MCAP ros2msg schema.
import { parse } from '@foxglove/rosmsg';
import { MessageReader } from '@foxglove/rosmsg2-serialization';
import { describe, expect, it } from 'vitest';
import {
  DEFINITION_SEPARATOR,
  encode,
  fullDefinition,
  isMessageTypeName,
  MESSAGE_SOURCES,
  messageTypeNames,
  MsgType,
  shortTypeName,
  type MessageTypeName,
} from '../../src/msg/index.js';
import { SAMPLES } from './samples.js';

/** Transitive dependencies of `type`, canonical names. */
function closure(type: MessageTypeName, into = new Set<string>()): Set<string> {
  for (const dep of MESSAGE_SOURCES[type].dependencies) {
    if (!into.has(dep)) {
      into.add(dep);
      closure(dep as MessageTypeName, into);
    }
  }
  return into;
}

describe('fullDefinition', () => {
  it('knows every type in MsgType', () => {
    expect(messageTypeNames().sort()).toEqual(Object.values(MsgType).sort());
    expect(isMessageTypeName('fleet_bandits_msgs/msg/ArmCommand')).toBe(true);
    expect(isMessageTypeName('fleet_bandits_msgs/msg/Nope')).toBe(false);
    expect(() => fullDefinition('fleet_bandits_msgs/msg/Nope' as MessageTypeName)).toThrow(/unknown message type 'fleet_bandits_msgs\/msg\/Nope'; known: .*ArmCommand/);
  });

  describe.each(messageTypeNames())('%s', (type) => {
    const text = fullDefinition(type);

    it('starts with the .msg text and has one section per transitive dependency', () => {
      expect(text.startsWith(MESSAGE_SOURCES[type].text)).toBe(true);
      const sections = [...text.matchAll(/^MSG: (.+)$/gm)].map((m) => m[1]);
      const expected = [...closure(type)].map(shortTypeName);
      expect([...sections].sort()).toEqual([...expected].sort());
      expect(new Set(sections).size).toBe(sections.length);
    });

    it('separates sections with a line of exactly 80 "="', () => {
      const lines = text.split('\n');
      lines.forEach((line, i) => {
        if (line.startsWith('=')) {
          expect(line).toBe('='.repeat(80));
          expect(lines[i + 1]).toMatch(/^MSG: [a-z0-9_]+\/[A-Z][A-Za-z0-9]*$/);
        }
      });
      expect(DEFINITION_SEPARATOR).toHaveLength(80);
    });

    it('parses back with @foxglove/rosmsg, one definition per section', () => {
      const definitions = parse(text, { ros2: true });
      expect(definitions[0]?.name).toBeUndefined();
      const named = definitions.slice(1).map((d) => d.name);
      expect(named.sort()).toEqual([...closure(type)].map(shortTypeName).sort());
    });
  });

  it('is byte-for-byte the rosbag2 layout for geometry_msgs/PoseStamped', () => {
    const src = (t: MessageTypeName) => MESSAGE_SOURCES[t].text;
    const section = (t: MessageTypeName) => `\n${'='.repeat(80)}\nMSG: ${shortTypeName(t)}\n${src(t)}`;
    // rosbag2: depth first, each dependency once, dependencies of a type in sorted name order.
    expect(fullDefinition('geometry_msgs/msg/PoseStamped')).toBe(
      src('geometry_msgs/msg/PoseStamped') +
        section('geometry_msgs/msg/Pose') +
        section('geometry_msgs/msg/Point') +
        section('geometry_msgs/msg/Quaternion') +
        section('std_msgs/msg/Header') +
        section('builtin_interfaces/msg/Time'),
    );
  });

  it('decodes our CDR bytes through a reader built only from the schema text (as Foxglove does)', () => {
    for (const [type, sample] of Object.entries(SAMPLES)) {
      const reader = new MessageReader(parse(fullDefinition(type as MessageTypeName), { ros2: true }));
      const decoded = reader.readMessage<{ header?: unknown }>(encode(type as MessageTypeName, sample as never));
      expect(decoded.header ?? decoded).toEqual((sample as { header?: unknown }).header ?? decoded);
    }
  });
});
