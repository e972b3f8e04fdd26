import { describe, expect, it } from 'vitest';
import { isAdjacent } from '../../src/core/graph/Graph.js';
import { coverageWorld } from '../../src/experiments/coverage/CoverageWorld.js';
import type { CoverageScenario } from '../../src/experiments/coverage/schema.js';
import { runExperiment, withOverrides } from '../../src/experiments/runExperiment.js';
import { loadScenario } from '../../src/experiments/scenario/loadScenario.js';
import type { Allocation, GraphTopology, RobotState, WaypointCommand } from '../../src/msg/definitions.generated.js';
import { startEmbedded } from '../../src/nodes/EmbeddedLaunch.js';
import { ALLOCATION, GRAPH_TOPOLOGY, ROBOT_STATE, WAYPOINT_COMMAND } from '../../src/nodes/graph/topics.js';
import { planNodes } from '../../src/nodes/plan.js';
import type { LogRecord } from '../../src/runtime/Logger.js';
import { cdrCodec } from '../../src/runtime/memory/cdrCodec.js';
import { COMMAND_QOS, LATCHED_QOS, TELEMETRY_QOS } from '../../src/runtime/Qos.js';

async function bothPaths(file: string, algorithm: string, seed: number, horizon: number) {
  const { scenario } = loadScenario(file);
  const s = withOverrides(scenario, { algorithms: [algorithm], seed, horizon, runs: 1 });
  const node = await startEmbedded(planNodes(scenario, file, { algorithm, seed, horizon }), s, { codec: cdrCodec, logSink: () => {} }).done;
  const fast = await runExperiment(s, { workers: 0 });
  return { node, fast };
}

describe('coverage missions on the embedded node graph', () => {
  it.each(['Multi-G-UCB', 'Multi-G-UCB-median', 'Multi-G-UCB-max', 'Indv-G-UCB'])('coverage-quick, %s: planner, environment, robots and monitor give exactly the regret of sim', async (alg) => {
    const { node, fast } = await bothPaths('sim/scenarios/coverage-quick.yaml', alg, 4, 600);
    expect(node.roundsCompleted).toBe(600);
    expect(node.summary).toEqual(fast);
  });

  it('drone field with travel times and lossy waypoint links: node path equals sim', async () => {
    const { node, fast } = await bothPaths('sim/scenarios/drone-coverage.yaml', 'Multi-G-UCB', 2, 800);
    expect(node.summary).toEqual(fast);
  });

  it('plans planner, environment, one robot per namespace, markers and a monitor', () => {
    const { scenario } = loadScenario('sim/scenarios/coverage-quick.yaml');
    const plan = planNodes(scenario, 'sim/scenarios/coverage-quick.yaml');
    expect(plan.nodes.map((n) => `${n.namespace}|${n.executable}`)).toEqual(['/|planner', '/|environment', '/robot_0|robot', '/robot_1|robot', '/robot_2|robot', '/robot_3|robot', '/robot_4|robot', '/|markers', '/|monitor']);
    expect(plan.nodes[2].parameters.robot_id).toBe(0);
  });

  it('robots move only along edges, the graph is latched, and a non-adjacent waypoint is refused, counted and logged', async () => {
    const file = 'sim/scenarios/coverage-quick.yaml';
    const { scenario } = loadScenario(file);
    const s = withOverrides(scenario, { horizon: 300, algorithms: ['Multi-G-UCB'] });
    const world = coverageWorld(s as CoverageScenario);
    const logs: LogRecord[] = [];
    const trail: number[][] = [[], [], [], [], []];
    let topology: GraphTopology | undefined;
    const allocations: Allocation[] = [];
    const run = startEmbedded(planNodes(scenario, file, { algorithm: 'Multi-G-UCB', horizon: 300 }), s, {
      logSink: (r) => logs.push(r),
      attach: (bus) => {
        const spy = bus.createNode('spy');
        for (let i = 0; i < 5; i++) spy.createSubscription<RobotState>(ROBOT_STATE, `/robot_${i}/state`, (m) => trail[i].push(m.current_node), TELEMETRY_QOS);
        spy.createSubscription<GraphTopology>(GRAPH_TOPOLOGY, '/graph', (m) => (topology = m), LATCHED_QOS);
        spy.createSubscription<Allocation>(ALLOCATION, '/allocation', (m) => allocations.push(m), TELEMETRY_QOS);
        const forged = spy.createPublisher<WaypointCommand>(WAYPOINT_COMMAND, '/robot_0/waypoint', COMMAND_QOS);
        // At step 200 phase 0.6 (after the planner's own command), order robot 0 to a far site.
        spy.createTimer(0.1 + 200 * 0.1 + 0.06, () => {
          let far = 0;
          while (isAdjacent(world.graph, trail[0][trail[0].length - 1], far)) far++;
          forged.publish({ header: { stamp: { sec: 0, nanosec: 0 }, frame_id: '' }, robot_id: 0, target_node: far, target_position: { x: 0, y: 0, z: 0 }, step: 200, seq: 0 });
        });
      },
    });
    expect((await run.done).roundsCompleted).toBe(300);
    for (const sites of trail) {
      expect(sites).toHaveLength(300);
      for (let t = 1; t < sites.length; t++) expect(isAdjacent(world.graph, sites[t - 1], sites[t])).toBe(true);
    }
    expect(topology?.node_ids).toHaveLength(world.graph.size);
    expect(allocations.at(-1)!.target_counts.reduce((a, b) => a + b, 0)).toBe(5);
    expect(logs.some((l) => l.name === '/robot_0/robot' && l.level === 'warn' && /robot 0 refused waypoint .* not adjacent/.test(l.message))).toBe(true);
  });
});
