import { describe, expect, it } from 'vitest';
import type { ScenarioBase } from '../../src/experiments/Family.js';
import { runExperiment, withOverrides } from '../../src/experiments/runExperiment.js';
import { loadScenario } from '../../src/experiments/scenario/loadScenario.js';
import type { ArmCommand, ArmReward, LinkStats, LearnerState } from '../../src/msg/definitions.generated.js';
import { cdrCodec } from '../../src/runtime/memory/cdrCodec.js';
import type { LogRecord } from '../../src/runtime/Logger.js';
import { startEmbedded } from '../../src/nodes/EmbeddedLaunch.js';
import { planNodes } from '../../src/nodes/plan.js';
import { ARM_COMMAND, ARM_REWARD, LINK_STATS, LEARNER_STATE, rawCommandTopic } from '../../src/nodes/rounds/topics.js';
import { COMMAND_QOS, REWARD_QOS, TELEMETRY_QOS } from '../../src/runtime/Qos.js';

async function bothPaths(file: string, algorithm: string, seed: number, horizon?: number) {
  const { scenario } = loadScenario(file);
  const s = withOverrides(scenario, { algorithms: [algorithm], seed, horizon, runs: 1 });
  const plan = planNodes(scenario, file, { algorithm, seed, horizon });
  const node = await startEmbedded(plan, s, { codec: cdrCodec, logSink: () => {} }).done;
  const fast = await runExperiment(s, { workers: 0 });
  return { node, fast };
}

describe('erasure family on the embedded node graph', () => {
  const quick = loadScenario('sim/scenarios/erasure-quick.yaml').scenario as ScenarioBase;
  it.each(quick.algorithms.map((a) => a.label ?? a.name))('erasure-quick, %s: learner, link, agents and monitor give exactly the regret of sim', async (alg) => {
    const { node, fast } = await bothPaths('sim/scenarios/erasure-quick.yaml', alg, 5, 1200);
    expect(node.roundsCompleted).toBe(1200);
    expect(node.summary).toEqual(fast);
  });

  it.each(['batchsp2', 'ma-ucb', 'ma-lsae-v'])('burst, delayed, reordered and scheduled links, %s: node path equals sim', async (alg) => {
    const { node, fast } = await bothPaths('test/fixtures/erasure-channels.yaml', alg, 2);
    expect(node.summary).toEqual(fast);
  });

  it.each(['SP2-Feedback', 'TPG (ack)', 'TPG (nack)', 'TPG (all)'])('feedback learners, erasure-feedback %s: the link node carries the ACKs; node path equals sim, counters included', async (alg) => {
    const { node, fast } = await bothPaths('sim/scenarios/erasure-feedback.yaml', alg, 3, 2000);
    expect(node.summary).toEqual(fast);
    expect(fast.algorithms[0].metrics!.transmissions.mean).toBeLessThan(200);
  });

  it.each(['TPG', 'SP2-Feedback', 'TPG (all)', 'adaptive'])('feedback over a lossy bursty uplink, %s: node path equals sim', async (alg) => {
    const { node, fast } = await bothPaths('test/fixtures/erasure-feedback-lossy.yaml', alg, 4);
    expect(node.summary).toEqual(fast);
    expect(fast.algorithms[0].metrics!.feedbackBits.mean).toBeGreaterThan(0);
  });

  // On a loaded graph the learner's commands reach the link late in the round. Here a relay holds
  // every command (and silent-round marker) until phase ~0.35, after the link's 0.25 tick.
  it.each([
    ['sim/scenarios/erasure-feedback.yaml', 'TPG (all)', 600],
    ['sim/scenarios/erasure-feedback.yaml', 'SP2-Feedback', 600],
    ['test/fixtures/erasure-channels.yaml', 'batchsp2', undefined],
  ])('%s, %s: commands that reach the link after phase 0.25 still count for their round; node path equals sim', async (file, algorithm, horizon) => {
    const { scenario } = loadScenario(file);
    const s = withOverrides(scenario, { algorithms: [algorithm], seed: 3, horizon, runs: 1 });
    const plan = planNodes(scenario, file, { algorithm, seed: 3, horizon });
    const learner = plan.nodes.find((n) => n.name === 'learner')!;
    const period = learner.parameters.round_period as number;
    const M = plan.nodes.filter((n) => n.name === 'agent').length;
    for (let j = 0; j < M; j++) learner.remappings[rawCommandTopic(j)] = `agent_${j}/cmd_slow`;
    const logs: LogRecord[] = [];
    const node = await startEmbedded(plan, s, {
      codec: cdrCodec,
      logSink: (r) => logs.push(r),
      attach: (bus) => {
        const relay = bus.createNode('slow_radio');
        const held: { at: number; j: number; msg: ArmCommand }[] = [];
        const outs = Array.from({ length: M }, (_, j) => relay.createPublisher<ArmCommand>(ARM_COMMAND, `/${rawCommandTopic(j)}`, COMMAND_QOS));
        for (let j = 0; j < M; j++) relay.createSubscription<ArmCommand>(ARM_COMMAND, `/agent_${j}/cmd_slow`, (msg) => held.push({ at: relay.now() + 0.35 * period * 1e9, j, msg }), COMMAND_QOS);
        relay.createTimer(period / 50, () => {
          while (held.length > 0 && held[0].at <= relay.now()) {
            const h = held.shift()!;
            outs[h.j].publish(h.msg);
          }
        });
      },
    }).done;
    const fast = await runExperiment(s, { workers: 0 });
    expect(node.summary).toEqual(fast);
    expect(logs.filter((l) => l.level === 'warn').map((l) => l.message)).toEqual([]);
  });

  it('plans one learner, one link node, M agents and a monitor', () => {
    const { scenario } = loadScenario('sim/scenarios/erasure-quick.yaml');
    const plan = planNodes(scenario, 'sim/scenarios/erasure-quick.yaml');
    expect(plan.nodes.map((n) => `${n.namespace}/${n.name}`)).toEqual(['//learner', '//link', '/agent_0/agent', '/agent_1/agent', '/agent_2/agent', '/agent_3/agent', '//monitor']);
    expect(plan.nodes[2].remappings).toEqual({});
  });

  it('counts erasures in LinkStats, publishes LearnerState, and drops bad rewards with a count', async () => {
    const file = 'sim/scenarios/erasure-quick.yaml';
    const { scenario } = loadScenario(file);
    const s = withOverrides(scenario, { algorithms: ['BatchSP2'], horizon: 300 });
    const logs: LogRecord[] = [];
    const stats: LinkStats[] = [];
    const states: LearnerState[] = [];
    const run = startEmbedded(planNodes(scenario, file, { algorithm: 'BatchSP2', horizon: 300 }), s, {
      logSink: (r) => logs.push(r),
      attach: (bus) => {
        const spy = bus.createNode('spy');
        spy.createSubscription<LinkStats>(LINK_STATS, '/link_stats', (m) => stats.push(m), TELEMETRY_QOS);
        spy.createSubscription<LearnerState>(LEARNER_STATE, '/learner_state', (m) => states.push(m), TELEMETRY_QOS);
        const forged = spy.createPublisher<ArmReward>(ARM_REWARD, '/agent_1/reward', REWARD_QOS);
        const stamp = { stamp: { sec: 0, nanosec: 0 }, frame_id: '' };
        spy.createTimer(1.0, () => {
          forged.publish({ header: stamp, agent_id: 3, round: 0, reward: 1 }); // wrong agent id on agent 1's topic
          forged.publish({ header: stamp, agent_id: 1, round: 0, reward: 1 }); // an old round
          forged.publish({ header: stamp, agent_id: 1, round: 9, reward: NaN }); // bad value
        });
      },
    }).done;
    expect((await run).roundsCompleted).toBe(300);
    const last = stats.filter((m) => m.round === 299);
    expect(last.map((m) => m.agent_id)).toEqual([0, 1, 2, 3]);
    for (const m of last) {
      expect(m.sent).toBe(300);
      expect(m.delivered + m.erased).toBe(300);
      expect(Math.abs(m.empirical_eps - m.eps)).toBeLessThan(0.1);
    }
    expect(states).toHaveLength(300);
    expect(states[299].active_arms.length).toBeGreaterThan(0);
    const warnings = logs.filter((l) => l.level === 'warn' && l.name === '/learner').map((l) => l.message);
    expect(warnings.some((w) => w.includes("reason 'wrong-agent'"))).toBe(true);
    expect(warnings.some((w) => w.includes("reason 'late-round'"))).toBe(true);
  });
});
