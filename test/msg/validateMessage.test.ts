// validateMessage(): non-throwing checks of structure and meaning with field-naming reasons.
import { describe, expect, it } from 'vitest';
import {
  AgentTelemetry,
  defaultMessage,
  FLEET_BANDITS_MESSAGE_TYPES,
  MsgType,
  validateMessage,
  validateStructure,
} from '../../src/msg/index.js';
import { SAMPLES } from './samples.js';

const command = SAMPLES['fleet_bandits_msgs/msg/ArmCommand'];

describe('validateMessage', () => {
  it.each(FLEET_BANDITS_MESSAGE_TYPES)('accepts the %s sample', (type) => {
    expect(validateMessage(type, SAMPLES[type])).toBeNull();
  });

  it('never throws, whatever it is given', () => {
    const junk: unknown[] = [undefined, null, 0, 'x', [], new Uint8Array(2), () => 1, Symbol('s'), { header: 5 }];
    for (const value of junk) {
      expect(() => validateMessage(MsgType.ArmCommand, value)).not.toThrow();
      expect(validateMessage(MsgType.ArmCommand, value)).toEqual(expect.any(String));
    }
    const cyclic: Record<string, unknown> = { ...command };
    cyclic.header = cyclic;
    expect(validateMessage(MsgType.ArmCommand, cyclic)).toEqual(expect.any(String));
  });

  it('names unknown types and lists the known ones', () => {
    expect(validateMessage('fleet_bandits_msgs/msg/ArmPull', command)).toMatch(
      /^unknown message type 'fleet_bandits_msgs\/msg\/ArmPull'; known: .*fleet_bandits_msgs\/msg\/ArmCommand/,
    );
  });

  it('catches wrong JS types, with path, expectation and finding', () => {
    expect(validateMessage(MsgType.ArmCommand, null)).toBe('message: expected a fleet_bandits_msgs/msg/ArmCommand object, found null');
    expect(validateMessage(MsgType.ArmCommand, { ...command, arm: '2' })).toBe(
      "field 'arm': expected an int32 (integer in [-2147483648, 2147483647]), found \"2\"",
    );
    expect(validateMessage(MsgType.ArmCommand, { ...command, agent_id: -1 })).toMatch(/^field 'agent_id': expected a uint32 .*found -1$/);
    expect(validateMessage(MsgType.ArmCommand, { ...command, seq: 2 ** 32 })).toMatch(/^field 'seq': expected a uint32/);
    expect(validateMessage(MsgType.ArmCommand, { ...command, round: 5n })).toBe(
      "field 'round': expected a uint64 as a safe-integer number in [0, 9007199254740991], found bigint 5n (64-bit fields are numbers in TS; convert wire objects with fromWire)",
    );
    expect(validateMessage(MsgType.ArmCommand, { ...command, header: { ...command.header, frame_id: 7 } })).toBe(
      "field 'header.frame_id': expected a string, found 7",
    );
    expect(validateMessage(MsgType.AgentTelemetry, { ...SAMPLES['fleet_bandits_msgs/msg/AgentTelemetry'], command_arrived: 1 })).toBe(
      "field 'command_arrived': expected a boolean, found 1",
    );
  });

  it('catches missing and unknown fields', () => {
    const { arm: _arm, ...noArm } = command;
    expect(validateMessage(MsgType.ArmCommand, noArm)).toBe("field 'arm' is missing; expected an int32 (integer in [-2147483648, 2147483647])");
    expect(validateMessage(MsgType.ArmCommand, { ...command, header: { frame_id: '' } })).toBe(
      "field 'header.stamp' is missing; expected a time { sec: int32, nanosec: uint32 }",
    );
    expect(validateMessage(MsgType.ArmReward, { ...SAMPLES['fleet_bandits_msgs/msg/ArmReward'], arm: 3 })).toBe(
      "field 'arm' is not part of fleet_bandits_msgs/msg/ArmReward; its fields are: header, agent_id, round, reward",
    );
  });

  it('catches NaN and infinities where the .msg does not allow them', () => {
    const reward = SAMPLES['fleet_bandits_msgs/msg/ArmReward'];
    expect(validateMessage(MsgType.ArmReward, { ...reward, reward: NaN })).toBe("field 'reward': expected a finite float64, found NaN");
    expect(validateMessage(MsgType.ArmReward, { ...reward, reward: Infinity })).toBe(
      "field 'reward': expected a finite float64, found Infinity",
    );
    const topology = structuredClone(SAMPLES['fleet_bandits_msgs/msg/GraphTopology']);
    topology.positions[2] = { x: 0, y: NaN, z: 0 };
    expect(validateMessage(MsgType.GraphTopology, topology)).toBe("field 'positions[2].y': expected a finite float64, found NaN");
    // ...but the codec can still carry them.
    expect(validateStructure(MsgType.GraphTopology, topology)).toBeNull();
  });

  it('allows NaN and infinity where the .msg marks them meaningful', () => {
    const allocation = { ...SAMPLES['fleet_bandits_msgs/msg/Allocation'], ucbs: [Infinity, Infinity, 1, 2] };
    expect(validateMessage(MsgType.Allocation, allocation)).toBeNull();
    expect(validateMessage(MsgType.Allocation, { ...allocation, ucbs: [NaN, 1, 1, 1] })).toBe(
      "field 'ucbs[0]': expected a float64 (finite or +-Infinity), found NaN",
    );
    const idle = {
      ...SAMPLES['fleet_bandits_msgs/msg/AgentTelemetry'],
      commanded_arm: AgentTelemetry.ARM_NONE,
      played_arm: AgentTelemetry.ARM_NONE,
      reward: NaN,
      played_arm_mean: NaN,
    };
    expect(validateMessage(MsgType.AgentTelemetry, idle)).toBeNull();
    expect(validateMessage(MsgType.AgentTelemetry, { ...idle, played_arm: 2 })).toMatch(/^field 'reward': expected a finite float64 when played_arm is 2/);
  });

  it('checks arrays: plain arrays, element types, fixed lengths, byte arrays', () => {
    const state = SAMPLES['fleet_bandits_msgs/msg/LearnerState'];
    expect(validateMessage(MsgType.LearnerState, { ...state, estimates: Float64Array.from(state.estimates) })).toBe(
      "field 'estimates': expected a plain array (float64[]), found a Float64Array of length 7 (typed arrays are converted by fromWire, or use Array.from)",
    );
    expect(validateMessage(MsgType.LearnerState, { ...state, active_arms: [1, 2.5] })).toMatch(/^field 'active_arms\[1\]': expected an int32/);
    const covariance = defaultMessage('geometry_msgs/msg/PoseWithCovariance');
    expect(validateMessage('geometry_msgs/msg/PoseWithCovariance', { ...covariance, covariance: [0, 1] })).toBe(
      "field 'covariance': expected exactly 36 elements, found an array of length 2",
    );
    const image = defaultMessage('sensor_msgs/msg/CompressedImage');
    expect(validateMessage('sensor_msgs/msg/CompressedImage', { ...image, data: [1, 2] })).toBe(
      "field 'data': expected a Uint8Array (uint8[]), found an array of length 2",
    );
  });

  it('checks Time ranges', () => {
    expect(validateMessage(MsgType.ArmCommand, { ...command, header: { stamp: { sec: 1, nanosec: 1e9 }, frame_id: '' } })).toBe(
      "field 'header.stamp.nanosec': expected nanoseconds in [0, 999999999], found 1000000000",
    );
    expect(validateMessage(MsgType.ArmCommand, { ...command, header: { stamp: { sec: 1, nsec: 0 }, frame_id: '' } })).toBe(
      "field 'header.stamp.nsec' is not part of builtin_interfaces/Time; its fields are: sec, nanosec",
    );
  });

  it('applies the per-type rules', () => {
    const link = SAMPLES['fleet_bandits_msgs/msg/LinkStats'];
    expect(validateMessage(MsgType.LinkStats, { ...link, erased: 400 })).toBe(
      "fields 'delivered' + 'erased': expected at most sent (1000), found 690 + 400",
    );
    expect(validateMessage(MsgType.LinkStats, { ...link, eps: 1.5 })).toBe("field 'eps': expected a probability in [0, 1], found 1.5");
    const topology = SAMPLES['fleet_bandits_msgs/msg/GraphTopology'];
    expect(validateMessage(MsgType.GraphTopology, { ...topology, positions: topology.positions.slice(1) })).toBe(
      "field 'positions': expected 4 elements (parallel to node_ids in GraphTopology), found 3",
    );
    expect(validateMessage(MsgType.GraphTopology, { ...topology, edges: [{ source: 0, target: 9, length: 1 }] })).toBe(
      "field 'edges[0].target': expected one of node_ids, found 9",
    );
    expect(validateMessage(MsgType.GraphTopology, { ...topology, node_ids: [0, 1, 1, 3] })).toBe(
      "field 'node_ids[2]': expected unique node ids, found 1 again",
    );
    expect(validateMessage(MsgType.RobotState, { ...SAMPLES['fleet_bandits_msgs/msg/RobotState'], phase: 9 })).toBe(
      "field 'phase': expected one of the PHASE_* constants (0..4), found 9",
    );
    expect(validateMessage(MsgType.Job, { ...SAMPLES['fleet_bandits_msgs/msg/Job'], arrival_probability: 0 })).toBe(
      "field 'arrival_probability': expected a probability in (0, 1], found 0",
    );
    expect(validateMessage(MsgType.ArmCommand, { ...command, arm: -1 })).toBe("field 'arm': expected an index >= 0, found -1");
    expect(validateMessage(MsgType.Allocation, { ...SAMPLES['fleet_bandits_msgs/msg/Allocation'], means: [0] })).toMatch(/^field 'means': expected 4 elements/);
    // Structure-only validation skips the rules.
    expect(validateStructure(MsgType.ArmCommand, { ...command, arm: -1 })).toBeNull();
  });
  it('checks a DagTopology like a scenario: action counts, labels, parents in range, no cycle', () => {
    const dag = SAMPLES['fleet_bandits_msgs/msg/DagTopology'];
    const edit = (f: (d: typeof dag) => void) => {
      const d = structuredClone(dag);
      f(d);
      return validateMessage(MsgType.DagTopology, d);
    };
    expect(validateMessage(MsgType.DagTopology, dag)).toBeNull();
    expect(edit((d) => (d.players = []))).toBe("field 'players': expected at least one player, found an empty array");
    expect(edit((d) => (d.players[1].actions = 0))).toBe("field 'players[1].actions': expected at least 1 action, found 0");
    expect(edit((d) => (d.players[1].action_labels = ['relay']))).toBe("field 'players[1].action_labels': expected 0 or 3 elements (one per action), found 1");
    expect(edit((d) => (d.players[2].parents = [0, 7]))).toBe("field 'players[2].parents[1]': player 7 does not exist (players 0..2)");
    expect(edit((d) => (d.players[0].parents = [2]))).toMatch(/^field 'players\[\d\]\.parents': the graph has a cycle: /);
  });
});
