// CDR round trips of every message type, exact bytes for one, and the codec's error paths.
import fc from 'fast-check';
import { parse } from '@foxglove/rosmsg';
import { MessageReader, MessageWriter } from '@foxglove/rosmsg2-serialization';
import { describe, expect, it } from 'vitest';
import {
  decode,
  defaultMessage,
  encode,
  fromWire,
  fullDefinition,
  messageTypeNames,
  MsgType,
  safeDecode,
  toWire,
  type ArmCommand,
  type MessageTypeName,
} from '../../src/msg/index.js';
import { compiledDecode } from '../../src/msg/compiledReader.js';
import { compiledEncode } from '../../src/msg/compiledWriter.js';
import { structSchema } from '../../src/msg/structSchema.js';
import { validateStructure } from '../../src/msg/validateMessage.js';
import { arbitraryMessage } from './arbitraryMessage.js';
import { MAX_U64_IN_TS, SAMPLES } from './samples.js';

const PROPERTY_SEED = 20240613;

function uint32LE(n: number): number[] {
  return [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff];
}

function uint64LE(n: bigint): number[] {
  return [...uint32LE(Number(n & 0xffffffffn)), ...uint32LE(Number(n >> 32n))];
}

/** Bytes as rclnodejs' MessageReader would see them from another writer (bigint, typed arrays). */
function foreignBytes(type: MessageTypeName, wire: unknown): Uint8Array {
  return new MessageWriter(parse(fullDefinition(type), { ros2: true })).writeMessage(wire);
}

describe('encode/decode', () => {
  describe.each(Object.entries(SAMPLES))('%s sample', (type, sample) => {
    it('round-trips with deep equality', () => {
      const bytes = encode(type as MessageTypeName, sample as never);
      expect([...bytes.subarray(0, 4)]).toEqual([0x00, 0x01, 0x00, 0x00]);
      expect(decode(type as MessageTypeName, bytes)).toEqual(sample);
      expect(safeDecode(type as MessageTypeName, bytes)).toEqual({ success: true, data: sample });
    });
  });

  describe(`every type, random messages (fast-check seed ${PROPERTY_SEED})`, () => {
    it.each(messageTypeNames())('%s: decode(encode(m)) equals m', (type) => {
      fc.assert(
        fc.property(arbitraryMessage(type), (message) => {
          expect(decode(type, encode(type, message))).toEqual(message);
        }),
        { seed: PROPERTY_SEED, numRuns: 40 },
      );
    });
  });

  it('writes ArmCommand as the exact CDR bytes rmw would', () => {
    const command: ArmCommand = {
      header: { stamp: { sec: 1, nanosec: 2 }, frame_id: '' },
      agent_id: 3,
      arm: 2,
      seq: 7,
      round: 2 ** 40 + 5,
    };
    const expected = [
      0x00, 0x01, 0x00, 0x00, // encapsulation: CDR little endian
      ...uint32LE(1), ...uint32LE(2), // header.stamp
      ...uint32LE(1), 0x00, 0x00, 0x00, 0x00, // header.frame_id: length 1 (NUL), then padding to 4
      ...uint32LE(3), ...uint32LE(2), ...uint32LE(7), // agent_id, arm, seq
      0x00, 0x00, 0x00, 0x00, // padding to 8 for uint64
      ...uint64LE(2n ** 40n + 5n), // round
    ];
    expect([...encode(MsgType.ArmCommand, command)]).toEqual(expected);
  });

  it('carries 64-bit extremes of the safe range both ways, and rejects what a number cannot hold', () => {
    const sample = { ...SAMPLES['fleet_bandits_msgs/msg/Allocation'], step: MAX_U64_IN_TS, sample_counts: [0, MAX_U64_IN_TS] };
    sample.node_ids = [1, 2];
    expect(decode(MsgType.Allocation, encode(MsgType.Allocation, sample))).toEqual(sample);

    const tooBig = foreignBytes(MsgType.ArmReward, { ...toWire(MsgType.ArmReward, SAMPLES['fleet_bandits_msgs/msg/ArmReward']) as object, round: 2n ** 60n });
    expect(() => decode(MsgType.ArmReward, tooBig)).toThrow(
      /decode fleet_bandits_msgs\/msg\/ArmReward: field 'round': uint64 bigint 1152921504606846976n is outside the safe-integer range/,
    );
    expect(safeDecode(MsgType.ArmReward, tooBig)).toMatchObject({ success: false, error: expect.stringMatching(/outside the safe-integer range/) });
  });

  it('decodes bytes from another writer that used bigint and typed arrays', () => {
    const state = SAMPLES['fleet_bandits_msgs/msg/LearnerState'];
    const wire = toWire(MsgType.LearnerState, state) as Record<string, unknown>;
    expect(typeof wire.round).toBe('bigint');
    expect(wire.counts).toBeInstanceOf(BigUint64Array);
    const bytes = foreignBytes(MsgType.LearnerState, { ...wire, estimates: Float64Array.from(state.estimates), active_arms: Int32Array.from(state.active_arms) });
    const decoded = decode(MsgType.LearnerState, bytes);
    expect(decoded).toEqual(state);
    expect(Array.isArray(decoded.estimates) && Array.isArray(decoded.counts)).toBe(true);
  });

  it('fromWire turns an rclnodejs-style object into the TS form', () => {
    const wire = {
      header: { stamp: { sec: 5, nanosec: 6 }, frame_id: 'map' },
      step: 9n,
      episode: 1,
      node_ids: Uint32Array.from([4, 5]),
      target_counts: Uint32Array.from([1, 2]),
      means: Float64Array.from([0.5, 0.25]),
      ucbs: Float64Array.from([1, Infinity]),
      sample_counts: BigUint64Array.from([3n, 0n]),
      robot_goals: Uint32Array.from([4, 5, 5]),
    };
    expect(fromWire(MsgType.Allocation, wire)).toEqual({
      header: { stamp: { sec: 5, nanosec: 6 }, frame_id: 'map' },
      step: 9,
      episode: 1,
      node_ids: [4, 5],
      target_counts: [1, 2],
      means: [0.5, 0.25],
      ucbs: [1, Infinity],
      sample_counts: [3, 0],
      robot_goals: [4, 5, 5],
    });
  });

  it('copies byte arrays out of the decode buffer', () => {
    const image = { header: { stamp: { sec: 0, nanosec: 0 }, frame_id: 'cam' }, format: 'png', data: Uint8Array.from([1, 2, 3]) };
    const bytes = encode('sensor_msgs/msg/CompressedImage', image);
    const decoded = decode('sensor_msgs/msg/CompressedImage', bytes);
    bytes.fill(0);
    expect(decoded.data).toEqual(Uint8Array.from([1, 2, 3]));
  });

  it('encodes NaN and infinities unchanged (the validator, not the codec, decides if they mean anything)', () => {
    const telemetry = { ...SAMPLES['fleet_bandits_msgs/msg/AgentTelemetry'], played_arm: -1, reward: NaN, played_arm_mean: -Infinity };
    expect(decode(MsgType.AgentTelemetry, encode(MsgType.AgentTelemetry, telemetry))).toEqual(telemetry);
  });

  it('round-trips standard types with .msg defaults', () => {
    const pose = defaultMessage('geometry_msgs/msg/PoseStamped');
    expect(pose.pose.orientation).toEqual({ x: 0, y: 0, z: 0, w: 1 });
    expect(decode('geometry_msgs/msg/PoseStamped', encode('geometry_msgs/msg/PoseStamped', pose))).toEqual(pose);
    const odometry = defaultMessage('nav_msgs/msg/Odometry');
    expect(odometry.pose.covariance).toHaveLength(36);
    odometry.pose.covariance[35] = 0.5;
    expect(decode('nav_msgs/msg/Odometry', encode('nav_msgs/msg/Odometry', odometry))).toEqual(odometry);
  });
});

describe('encode errors', () => {
  const command = SAMPLES['fleet_bandits_msgs/msg/ArmCommand'];

  it('names the field, what was expected and what was found', () => {
    expect(() => encode(MsgType.ArmCommand, { ...command, arm: 1.5 })).toThrow(
      "encode fleet_bandits_msgs/msg/ArmCommand: field 'arm': expected an int32 (integer in [-2147483648, 2147483647]), found 1.5",
    );
    expect(() => encode(MsgType.ArmCommand, { ...command, round: 2 ** 53 })).toThrow(/field 'round': expected a uint64 as a safe-integer number/);
    const { seq: _seq, ...missing } = command;
    expect(() => encode(MsgType.ArmCommand, missing as ArmCommand)).toThrow("field 'seq' is missing");
    expect(() => encode('fleet_bandits_msgs/msg/Nope' as MessageTypeName, command as never)).toThrow(/unknown message type 'fleet_bandits_msgs\/msg\/Nope'/);
  });

  it('refuses strings the CDR writer would corrupt', () => {
    const report = { ...SAMPLES['fleet_bandits_msgs/msg/RegretReport'], run_label: 'café' };
    expect(() => encode(MsgType.RegretReport, report)).toThrow(/field 'run_label': expected an ASCII string without NUL, found "café" \(U\+00E9 at index 3/);
  });
});

describe('decode errors', () => {
  it('reports truncated input instead of returning garbage', () => {
    const bytes = encode(MsgType.GraphTopology, SAMPLES['fleet_bandits_msgs/msg/GraphTopology']);
    expect(() => decode(MsgType.GraphTopology, bytes.subarray(0, 40))).toThrow(/^decode fleet_bandits_msgs\/msg\/GraphTopology: .*\(40 bytes; wrong type or truncated data\?\)/);
    expect(() => decode(MsgType.GraphTopology, new Uint8Array(2))).toThrow('expected at least 4 bytes (CDR encapsulation header), found 2');
    expect(safeDecode(MsgType.GraphTopology, bytes.subarray(0, 40)).success).toBe(false);
  });

  it('safeDecode flags bytes of a longer type and messages that fail validation', () => {
    const reward = encode(MsgType.ArmReward, SAMPLES['fleet_bandits_msgs/msg/ArmReward']);
    const state = encode(MsgType.LearnerState, SAMPLES['fleet_bandits_msgs/msg/LearnerState']);
    expect(safeDecode(MsgType.ArmReward, state)).toMatchObject({ success: false });
    const padded = new Uint8Array(reward.length + 3);
    padded.set(reward);
    expect(safeDecode(MsgType.ArmReward, padded)).toEqual({ success: true, data: SAMPLES['fleet_bandits_msgs/msg/ArmReward'] });
    const nan = encode(MsgType.ArmReward, { ...SAMPLES['fleet_bandits_msgs/msg/ArmReward'], reward: NaN });
    expect(safeDecode(MsgType.ArmReward, nan)).toEqual({
      success: false,
      error: "decode fleet_bandits_msgs/msg/ArmReward: field 'reward': expected a finite float64, found NaN",
    });
  });
});

describe(`compiled writer (fast-check seed ${PROPERTY_SEED})`, () => {
  it.each(messageTypeNames())('%s: writes the bytes of the general MessageWriter path', (type) => {
    fc.assert(
      fc.property(arbitraryMessage(type, { maxArray: 12 }), (message) => {
        const fast = compiledEncode(type, message);
        expect(fast).not.toBeNull();
        expect([...(fast as Uint8Array)]).toEqual([...foreignBytes(type, toWire(type, message))]);
      }),
      { seed: PROPERTY_SEED, numRuns: 30 },
    );
  });

  it.each(messageTypeNames())('%s: accepts nothing that validateStructure rejects', (type) => {
    const names = structSchema(type).fields.map((f) => f.name);
    const broken = fc.tuple(arbitraryMessage(type), fc.nat(Math.max(0, names.length - 1)), fc.anything({ withTypedArray: true, withBigInt: true }), fc.boolean()).map(([message, i, junk, extra]) => {
      const out: Record<string, unknown> = { ...(message as Record<string, unknown>) };
      if (extra) out.not_a_field = junk;
      else if (names.length > 0) out[names[i]] = junk;
      return out;
    });
    fc.assert(
      fc.property(broken, (message) => {
        if (compiledEncode(type, message) !== null) expect(validateStructure(type, message)).toBeNull();
        else if (validateStructure(type, message) === null) expect(() => encode(type, message as never)).not.toThrow();
      }),
      { seed: PROPERTY_SEED, numRuns: 30 },
    );
  });
});

describe(`compiled reader (fast-check seed ${PROPERTY_SEED})`, () => {
  it.each(messageTypeNames())('%s: reads what MessageReader and fromWire read, bytes left included', (type) => {
    const reader = new MessageReader(parse(fullDefinition(type), { ros2: true }));
    const withTail = fc.tuple(arbitraryMessage(type, { maxArray: 12 }), fc.uint8Array({ maxLength: 9 }), fc.nat(8));
    fc.assert(
      fc.property(withTail, ([message, tail, cut]) => {
        const body = encode(type, message);
        // Whole, with trailing bytes, and truncated (the compiled reader must leave those to the general path).
        for (const bytes of [body, Uint8Array.from([...body, ...tail]), body.subarray(0, Math.max(4, body.length - cut))]) {
          const fast = compiledDecode(type, bytes);
          let general: { message: unknown; trailing: number } | null;
          try {
            general = { message: fromWire(type, reader.readMessage(bytes)), trailing: bytes.byteLength - reader.lastReadByteLength() };
          } catch {
            general = null;
          }
          if (fast !== null) expect(fast).toEqual(general);
        }
        expect(compiledDecode(type, body)).toEqual({ message, trailing: 0 });
      }),
      { seed: PROPERTY_SEED, numRuns: 30 },
    );
  });
});
