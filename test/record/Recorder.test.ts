// Recorder on the embedded transport: strict and plain modes give the same bag, offered QoS per topic, latched topics, skipped and dropped messages.
import { describe, expect, it } from 'vitest';
import { defaultMessage, MsgType, type ArmCommand, type JointReward } from '../../src/msg/index.js';
import type { DiagnosticMsgsDiagnosticArray } from '../../src/msg/definitions.generated.js';
import { DIAGNOSTIC_ARRAY, DIAGNOSTICS_TOPIC } from '../../src/nodes/dropDiagnostics.js';
import { attachRecorder } from '../../src/nodes/record/attachRecorder.js';
import { cdrCodec } from '../../src/runtime/memory/cdrCodec.js';
import { MemoryTransport } from '../../src/runtime/memory/MemoryTransport.js';
import { COMMAND_QOS, LATCHED_QOS, REWARD_QOS } from '../../src/runtime/Qos.js';
import { essence, logCollector, memoryBag, readBag } from './recordingHelpers.js';

/** A small graph: a talker publishing a JointReward and an ArmCommand every 0.1 s, 5 times. */
function talkerGraph(transport: MemoryTransport): void {
  const node = transport.createNode('talker', { namespace: '/robot_1' });
  const rewards = node.createPublisher<JointReward>(MsgType.JointReward, 'reward', REWARD_QOS);
  const commands = node.createPublisher<ArmCommand>(MsgType.ArmCommand, '/cmd', COMMAND_QOS);
  let round = 0;
  const timer = node.createTimer(0.1, () => {
    rewards.publish({ ...defaultMessage(MsgType.JointReward), round, reward: round / 4 });
    commands.publish({ ...defaultMessage(MsgType.ArmCommand), round, arm: round % 2 });
    if (++round === 5) timer.cancel();
  });
}

async function recordTalker(strict: boolean) {
  const log = logCollector();
  const transport = new MemoryTransport({ codec: strict ? cdrCodec : undefined, logSink: log.sink });
  talkerGraph(transport);
  const { writer, buffer } = memoryBag();
  const rec = attachRecorder(transport, { writer });
  await transport.run();
  await rec.close();
  return readBag(buffer.get());
}

describe('Recorder', () => {
  it('records the same bag whether or not the transport serializes (strict mode)', async () => {
    const plain = await recordTalker(false);
    const strict = await recordTalker(true);
    expect(plain.messages).toHaveLength(10);
    expect(essence(strict.messages)).toEqual(essence(plain.messages));
    expect(plain.messages.slice(0, 2).map((m) => [m.topic, m.logTimeNs])).toEqual([['/robot_1/reward', 100_000_000n], ['/cmd', 100_000_000n]]);
    expect(plain.messages[8].message).toEqual({ ...defaultMessage(MsgType.JointReward), round: 4, reward: 1 });
  });

  it('records each topic\'s offered QoS as the publishers declared it', async () => {
    const { bag } = await recordTalker(false);
    expect(bag.topic('/cmd')?.offeredQos).toEqual([COMMAND_QOS]);
    expect(bag.topic('/robot_1/reward')?.offeredQos).toEqual([REWARD_QOS]);
  });

  it('hears best-effort and reliable publishers of one topic, and latched messages published before it attached', async () => {
    const transport = new MemoryTransport({ logSink: () => {} });
    const a = transport.createNode('a').createPublisher<JointReward>(MsgType.JointReward, '/mixed', REWARD_QOS);
    const b = transport.createNode('b').createPublisher<JointReward>(MsgType.JointReward, '/mixed', COMMAND_QOS);
    const latched = transport.createNode('c').createPublisher<JointReward>(MsgType.JointReward, '/latched', LATCHED_QOS);
    latched.publish({ ...defaultMessage(MsgType.JointReward), round: 99 });
    const { writer, buffer } = memoryBag();
    const rec = attachRecorder(transport, { writer });
    a.publish({ ...defaultMessage(MsgType.JointReward), round: 1 });
    b.publish({ ...defaultMessage(MsgType.JointReward), round: 2 });
    await transport.run();
    await rec.close();
    const { bag, messages } = await readBag(buffer.get());
    expect(messages.map((m) => [m.topic, (m.message as JointReward).round])).toEqual([['/latched', 99], ['/mixed', 1], ['/mixed', 2]]);
    expect(bag.topic('/mixed')?.offeredQos).toEqual([REWARD_QOS, COMMAND_QOS]);
    expect(transport.stats.incompatible).toBe(0);
  });

  it('records only the listed topics, and names unknown ones', async () => {
    const transport = new MemoryTransport({ logSink: () => {} });
    talkerGraph(transport);
    const { writer, buffer } = memoryBag();
    expect(() => attachRecorder(transport, { writer, topics: ['/nope'] })).toThrow("cannot record '/nope': not a topic of this run; topics: /robot_1/reward, /cmd");
    const rec = attachRecorder(transport, { writer, topics: ['/cmd'] });
    await transport.run();
    await rec.close();
    expect(new Set((await readBag(buffer.get())).messages.map((m) => m.topic))).toEqual(new Set(['/cmd']));
  });

  it('skips topics of unknown types and counts messages that do not encode, with a warning each', async () => {
    const log = logCollector();
    const transport = new MemoryTransport({ logSink: log.sink });
    const node = transport.createNode('odd');
    const foreign = node.createPublisher<unknown>('other_pkg/msg/Thing', '/thing');
    const broken = node.createPublisher<unknown>(MsgType.JointReward, '/broken');
    const diagnostics: DiagnosticMsgsDiagnosticArray[] = [];
    node.createSubscription<DiagnosticMsgsDiagnosticArray>(DIAGNOSTIC_ARRAY, DIAGNOSTICS_TOPIC, (m) => diagnostics.push(m));
    const { writer, buffer } = memoryBag();
    const rec = attachRecorder(transport, { writer });
    foreign.publish({ x: 1 });
    broken.publish({ header: 'not a header' });
    broken.publish({ ...defaultMessage(MsgType.JointReward), round: 5 });
    await transport.run();
    await rec.close();
    expect(rec.recorder.recorded).toBe(2); // the JointReward and the recorder's own /diagnostics about the drop
    expect(rec.recorder.dropped).toBe(1);
    expect(log.lines.map((l) => l.message).join('\n')).toMatch(/not recording '\/thing': type 'other_pkg\/msg\/Thing' is not a fleet-bandits or standard message type[\s\S]*dropped: message on '\/broken'/);
    const { bag, messages } = await readBag(buffer.get());
    expect(bag.topics.map((t) => t.name)).toEqual(['/broken', '/diagnostics']);
    expect(messages).toHaveLength(2);
    // the drop is on /diagnostics too, like every node's
    expect(diagnostics.flatMap((d) => d.status).map((st) => [st.level, st.values])).toEqual([[1, [{ key: 'unencodable', value: '1' }]]]);
  });
});
