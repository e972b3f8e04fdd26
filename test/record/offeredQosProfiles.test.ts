// offered_qos_profiles: exact rosbag2 text for one profile, parse(write(x)) = x, the v9 string form, and the adaptation rules.
import { describe, expect, it } from 'vitest';
import {
  adaptOfferToRecordedOffers,
  adaptRequestToOffers,
  DEFAULT_REPLAY_DEPTH,
  parseOfferedQosProfiles,
  writeOfferedQosProfiles,
  type RecordedQos,
} from '../../src/record/offeredQosProfiles.js';
import { COMMAND_QOS, LATCHED_QOS, REWARD_QOS } from '../../src/runtime/Qos.js';

const INFINITE = ['    sec: 9223372036', '    nsec: 854775807'];

describe('writeOfferedQosProfiles', () => {
  it('writes one best-effort publisher exactly as rosbag2 (Humble) dumps it', () => {
    expect(writeOfferedQosProfiles([COMMAND_QOS])).toBe(
      [
        '- history: 1',
        '  depth: 10',
        '  reliability: 2',
        '  durability: 2',
        '  deadline:',
        ...INFINITE,
        '  lifespan:',
        ...INFINITE,
        '  liveliness: 1',
        '  liveliness_lease_duration:',
        ...INFINITE,
        '  avoid_ros_namespace_conventions: false',
      ].join('\n'),
    );
  });

  it('writes nothing for a topic without publishers', () => {
    expect(writeOfferedQosProfiles([])).toBe('');
    expect(parseOfferedQosProfiles('')).toEqual([]);
  });

  it('round-trips several publishers with their order', () => {
    const profiles: RecordedQos[] = [COMMAND_QOS, REWARD_QOS, LATCHED_QOS];
    expect(parseOfferedQosProfiles(writeOfferedQosProfiles(profiles))).toEqual(profiles);
  });
});

describe('parseOfferedQosProfiles', () => {
  it('reads the string enums of metadata version 9 (Jazzy) and what rmw reports (history unknown, depth 0)', () => {
    const text = '- history: unknown\n  depth: 0\n  reliability: reliable\n  durability: transient_local\n  liveliness: automatic';
    expect(parseOfferedQosProfiles(text)).toEqual([{ reliability: 'reliable', durability: 'transient_local', depth: DEFAULT_REPLAY_DEPTH }]);
  });

  it('names the item and field it cannot read', () => {
    expect(() => parseOfferedQosProfiles('- reliability: 7\n  durability: 2')).toThrow(/offered_qos_profiles\[0\]\.reliability: '7' is not supported; known: 1, 2, reliable, best_effort/);
    expect(() => parseOfferedQosProfiles('history: 1')).toThrow(/expected a YAML sequence/);
  });
});

describe('QoS adaptation', () => {
  it('a recorder requests what every publisher offers, else what connects to all', () => {
    expect(adaptRequestToOffers([REWARD_QOS, REWARD_QOS], 50)).toEqual({ reliability: 'reliable', durability: 'volatile', depth: 50 });
    expect(adaptRequestToOffers([REWARD_QOS, COMMAND_QOS], 50)).toEqual({ reliability: 'best_effort', durability: 'volatile', depth: 50 });
    expect(adaptRequestToOffers([LATCHED_QOS], 5).durability).toBe('transient_local');
    expect(adaptRequestToOffers([], 5)).toEqual({ reliability: 'best_effort', durability: 'volatile', depth: 5 });
  });

  it('a player offers the recorded profile when publishers agreed, else the default', () => {
    expect(adaptOfferToRecordedOffers([COMMAND_QOS])).toEqual(COMMAND_QOS);
    expect(adaptOfferToRecordedOffers([COMMAND_QOS, REWARD_QOS])).toEqual({ reliability: 'reliable', durability: 'volatile', depth: DEFAULT_REPLAY_DEPTH });
    expect(adaptOfferToRecordedOffers([])).toEqual({ reliability: 'reliable', durability: 'volatile', depth: DEFAULT_REPLAY_DEPTH });
  });
});
