// The `recorder` node program: finds a run's topics from its parameters, records listed or typed topics, and explains bad parameters.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withOverrides } from '../../src/experiments/runExperiment.js';
import { loadScenario } from '../../src/experiments/scenario/loadScenario.js';
import { defaultMessage, MsgType, type JointReward } from '../../src/msg/index.js';
import { startEmbedded } from '../../src/nodes/EmbeddedLaunch.js';
import { EXECUTABLES, loadPrograms } from '../../src/nodes/executables.js';
import { planNodes } from '../../src/nodes/plan.js';
import { planTopics, recorderNodeSpec } from '../../src/nodes/record/planTopics.js';
import { MemoryTransport } from '../../src/runtime/memory/MemoryTransport.js';
import { COMMAND_QOS, REWARD_QOS, TELEMETRY_QOS } from '../../src/runtime/Qos.js';
import { logCollector, readBag } from './recordingHelpers.js';

const file = 'sim/scenarios/single-agent.yaml';
const { scenario } = loadScenario(file);
const programOf = await loadPrograms(EXECUTABLES);
const HORIZON = 50;
const tmp = () => mkdtempSync(join(tmpdir(), 'fb-recorder-node-'));

/**
 * The recorder completes its file in `shutdown()`, whose promise the embedded launcher does not
 * await. Its writes are synchronous, so the bag is complete once pending microtasks have run:
 * one macrotask turn later.
 */
const settle = () => new Promise<void>((r) => setImmediate(r));

async function runPlanWithRecorder(output: string, topics: string[] = []) {
  const plan = planNodes(scenario, file, { algorithm: 'UCB1', seed: 2, horizon: HORIZON });
  plan.nodes.push(recorderNodeSpec(plan, output, topics));
  const result = await startEmbedded(plan, withOverrides(scenario, { algorithms: ['UCB1'], seed: 2, horizon: HORIZON }), { logSink: () => {} }).done;
  await settle();
  return { result, ...(await readBag(readFileSync(output))) };
}

describe('planTopics', () => {
  it('lists every topic of the plan with its type and offered QoS, without running anything', () => {
    const plan = planNodes(scenario, file, { algorithm: 'UCB1', horizon: HORIZON });
    const { topics, skipped } = planTopics(plan, programOf);
    expect(skipped).toEqual([]);
    expect(topics).toEqual([
      { name: '/agent_0/cmd_raw', type: MsgType.ArmCommand, offeredQos: [COMMAND_QOS] },
      { name: '/agent_0/reward', type: MsgType.ArmReward, offeredQos: [REWARD_QOS] },
      { name: '/agent_0/telemetry', type: MsgType.AgentTelemetry, offeredQos: [TELEMETRY_QOS] },
      { name: '/learner_state', type: MsgType.LearnerState, offeredQos: [TELEMETRY_QOS] },
      { name: '/regret', type: MsgType.RegretReport, offeredQos: [TELEMETRY_QOS] },
    ]);
  });

  it('reports nodes it cannot build instead of failing', () => {
    const plan = planNodes(scenario, file, { algorithm: 'UCB1', horizon: HORIZON });
    plan.nodes.push({ executable: 'no_such_program', name: 'ghost', namespace: '/', parameters: {}, remappings: {} });
    expect(planTopics(plan, programOf).skipped).toEqual([{ node: '/ghost', reason: expect.stringContaining("executable 'no_such_program' is unknown") }]);
  });
});

describe('recorder node', () => {
  it('with the run parameters and no topics, records every topic of the run', async () => {
    const { result, bag, messages } = await runPlanWithRecorder(join(tmp(), 'all.mcap'));
    expect(result.roundsCompleted).toBe(HORIZON);
    expect(bag.topics.map((t) => [t.name, t.messageCount])).toEqual([
      ['/agent_0/cmd_raw', HORIZON],
      ['/agent_0/reward', HORIZON],
      ['/agent_0/telemetry', HORIZON],
      ['/learner_state', HORIZON],
      ['/regret', HORIZON],
    ]);
    expect(messages).toHaveLength(5 * HORIZON);
    expect((await bag.metadata()).get('fleet_bandits_run')).toMatchObject({ scenario: file, algorithm: 'UCB1', seed: '2', horizon: String(HORIZON) });
  });

  it('records only the listed topics, by name with or without the leading slash', async () => {
    const { bag } = await runPlanWithRecorder(join(tmp(), 'some.mcap'), ['regret', '/agent_0/reward']);
    expect(bag.topics.map((t) => [t.name, t.type, t.offeredQos])).toEqual([
      ['/regret', MsgType.RegretReport, [TELEMETRY_QOS]],
      ['/agent_0/reward', MsgType.ArmReward, [REWARD_QOS]],
    ]);
  });

  it('records NAME:TYPE topics without a scenario, into a bag directory', async () => {
    const dir = join(tmp(), 'bag');
    const transport = new MemoryTransport({ logSink: () => {} });
    const pub = transport.createNode('talker').createPublisher<JointReward>(MsgType.JointReward, '/joint', REWARD_QOS);
    const node = transport.createNode('recorder', { parameterOverrides: { output: dir, topics: ['/joint:fleet_bandits_msgs/msg/JointReward'] } });
    const instance = programOf('recorder')(node);
    pub.publish({ ...defaultMessage(MsgType.JointReward), round: 4 });
    await transport.run();
    await instance?.shutdown?.();
    const { bag, messages } = await readBag(readFileSync(join(dir, 'bag_0.mcap')));
    expect(bag.topics.map((t) => [t.name, t.type])).toEqual([['/joint', MsgType.JointReward]]);
    // Without the run's plan, the publishers' QoS is unknown to the node.
    expect(bag.topics[0].offeredQos).toEqual([]);
    expect(messages.map((m) => (m.message as JointReward).round)).toEqual([4]);
    expect(readFileSync(join(dir, 'metadata.yaml'), 'utf8')).toContain('message_count: 1');
  });

  it('explains missing or unusable parameters', () => {
    const make = (overrides: Record<string, string | string[]>) => {
      const log = logCollector();
      const node = new MemoryTransport({ logSink: log.sink }).createNode('recorder', { parameterOverrides: overrides });
      return () => programOf('recorder')(node);
    };
    expect(make({})).toThrow("parameter 'output' is required");
    expect(make({ output: join(tmp(), 'x.mcap') })).toThrow("parameter 'topics' is empty and no 'scenario' is set");
    expect(make({ output: join(tmp(), 'x.mcap'), topics: ['/joint'] })).toThrow("cannot tell the type of '/joint'; write it as '/joint:pkg/msg/Type' or set the run's 'scenario' parameter [node=/recorder]");
    expect(make({ output: join(tmp(), 'x.mcap'), topics: ['/nope'], scenario: file })).toThrow(/cannot tell the type of '\/nope'.* or use a topic of the run: agent_0\/cmd_raw, /);
  });
});
