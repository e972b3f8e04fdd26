// The multi-node ROS 2 container (src/ros/runContainer.ts) on the fake rclnodejs: every node of the
// plan in one process, round 0 a start delay after start-up, stopping at the horizon with the same
// regret as the embedded run.
import { describe, expect, it } from 'vitest';
import { withOverrides } from '../../../src/experiments/runExperiment.js';
import { loadScenario } from '../../../src/experiments/scenario/loadScenario.js';
import { startEmbedded } from '../../../src/nodes/EmbeddedLaunch.js';
import { planNodes } from '../../../src/nodes/plan.js';
import { startContainer, type ContainerResult } from '../../../src/ros/runContainer.js';
import { createFakeRclnodejs } from '../../fakes/fakeRclnodejs.js';

const file = 'sim/scenarios/single-agent.yaml';
const { scenario } = loadScenario(file);

describe('startContainer on the fake rclnodejs', () => {
  it('runs the whole plan in one process under a namespace and stops at the horizon with the embedded regret', async () => {
    const fake = createFakeRclnodejs();
    const run = await startContainer(scenario, file, { algorithm: 'SAE', seed: 4, horizon: 40, roundPeriod: 0.05, startDelay: 0.2, namespace: 'fleet1', rclnodejs: fake });
    expect(run.plan.startTime).toBeCloseTo(Number(fake.nowNs) / 1e9 + 0.2, 6);
    expect(run.transport.nodeNames().sort()).toEqual(['/fleet1/agent_0/agent', '/fleet1/container_supervisor', '/fleet1/learner', '/fleet1/monitor']);
    let result: ContainerResult | undefined;
    void run.done.then((r) => (result = r));
    for (let i = 0; i < 100 && !result; i++) {
      fake.advance(50_000_000n);
      await new Promise((r) => setImmediate(r));
    }
    expect(result).toMatchObject({ stoppedBy: 'horizon', roundsCompleted: 40 });
    expect(fake.isShutdown()).toBe(true);

    const plan = planNodes(scenario, file, { algorithm: 'SAE', seed: 4, horizon: 40 });
    let embedded = 0;
    await startEmbedded(plan, withOverrides(scenario, { algorithms: ['SAE'], seed: 4, horizon: 40 }), { logSink: () => {}, onRegret: (r) => (embedded = r.cumulative_regret) }).done;
    expect(result!.cumulativeRegret).toBe(embedded);
  });

  it('sets use_sim_time on every node and starts round 0 a delay after the sim clock', async () => {
    const fake = createFakeRclnodejs();
    const run = await startContainer(scenario, file, { horizon: 5, startDelay: 3, useSimTime: true, rclnodejs: fake, logLevel: 'warn' });
    expect(fake.callsOf('rclnodejs.init')[0].args[1]).toEqual(['fleet-bandits-container', '--ros-args', '--log-level', 'warn']);
    expect(run.plan.startTime).toBe(3);
    for (const n of fake.nodes()) expect([n.getFullyQualifiedName(), n.getParameter('use_sim_time').value]).toEqual([n.getFullyQualifiedName(), true]);
    run.stop();
    expect(await run.done).toMatchObject({ stoppedBy: 'stop', roundsCompleted: 0 });
  });

  it('shuts rclnodejs down and names the executable when a node cannot start', async () => {
    const fake = createFakeRclnodejs({ missingTypes: ['fleet_bandits_msgs/msg/AgentTelemetry'] });
    const err = await startContainer(scenario, file, { horizon: 5, rclnodejs: fake }).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/message type 'fleet_bandits_msgs\/msg\/AgentTelemetry' is not available to rclnodejs .*\[node=\/agent_0\/agent\] \[executable=agent\]/);
    expect(fake.isShutdown()).toBe(true);
  });
});
