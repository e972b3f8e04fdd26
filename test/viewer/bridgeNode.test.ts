// The bridge as a node program on the embedded transport: subscribes to the agreed topics, gets the latched graph when it joins late, and the standalone `bridge` executable serves the viewer.
import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { loadProgram } from '../../src/nodes/executables.js';
import { declareBridgeParameters, subscribeBridge } from '../../src/nodes/bridge/subscribeBridge.js';
import type { StateFrame, StatusFrame } from '../../src/nodes/bridge/protocol.js';
import { MemoryTransport } from '../../src/runtime/memory/MemoryTransport.js';
import { MsgType, type DagTopology, type PlayerAction } from '../../src/msg/definitions.generated.js';
import { LATCHED_QOS, REWARD_QOS } from '../../src/runtime/Qos.js';
import { cdrCodec } from '../../src/runtime/memory/cdrCodec.js';
import { attachViewer } from '../../src/viewer/server/attachedViewer.js';
import { fakeMission, NODE_ID_OFFSET } from './fakeMission.js';

const quiet = () => {};

describe('bridge node', () => {
  it('collects graph, robots, allocation, regret, agents, links and learner from the agreed topics (strict CDR)', async () => {
    const bus = new MemoryTransport({ codec: cdrCodec, logSink: quiet });
    fakeMission(bus.createNode('mission', { parameterOverrides: { sites: 12, robots: 3, agents: 2, episode_steps: 5, horizon: 30 } }));
    const node = bus.createNode('viewer_bridge', { parameterOverrides: { num_robots: 3, num_agents: 2 } });
    const state = subscribeBridge(node, declareBridgeParameters(node));
    await bus.run();
    const f = state.snapshot();
    expect(f.graph!.nodeIds).toHaveLength(12);
    expect(f.graph!.nodeIds[0]).toBe(NODE_ID_OFFSET);
    expect(f.robots!.map((r) => r.id)).toEqual([0, 1, 2]);
    expect(f.robots!.every((r) => r.step === 29)).toBe(true);
    expect(f.allocation!.episode).toBe(5);
    expect(f.regret!.round).toBe(29);
    expect(f.regretPoints!.length).toBe(60);
    expect(f.agents!.map((a) => a.id)).toEqual([0, 1]);
    expect(f.agents![1].sent).toBeGreaterThanOrEqual(0);
    expect(f.links!.map((l) => l.sent)).toEqual([30, 30]);
    expect(f.learner!.algorithm).toBe('fake-batchsp2');
    expect(state.dropped).toBe(0);
    expect(bus.stats.incompatible).toBe(0);
  });

  it('gets the latched graph when it starts after the graph was published', async () => {
    const bus = new MemoryTransport({ logSink: quiet });
    fakeMission(bus.createNode('mission', { parameterOverrides: { sites: 5, robots: 1, horizon: 3 } }));
    await bus.run();
    const node = bus.createNode('viewer_bridge', { parameterOverrides: { num_robots: 1 } });
    const state = subscribeBridge(node, declareBridgeParameters(node));
    await bus.run();
    expect(state.snapshot().graph!.nodeIds).toHaveLength(5);
  });

  it('subscribes in its namespace with relative names', () => {
    const bus = new MemoryTransport({ logSink: quiet });
    const node = bus.createNode('viewer_bridge', { namespace: '/fleet_a', parameterOverrides: { num_robots: 2, num_agents: 1 } });
    subscribeBridge(node, declareBridgeParameters(node));
    const names = bus.topics().map((t) => t.name).sort();
    expect(names).toEqual(
      ['/fleet_a/agent_0/cmd_raw', '/fleet_a/agent_0/telemetry', '/fleet_a/allocation', '/fleet_a/dag_topology', '/fleet_a/graph', '/fleet_a/job_costs', '/fleet_a/jobs', '/fleet_a/joint_reward', '/fleet_a/learner_state', '/fleet_a/link_stats', '/fleet_a/regret', '/fleet_a/robot_0/state', '/fleet_a/robot_1/state', '/fleet_a/stage_states'].sort(),
    );
  });

  it('subscribes to each DAG player once the latched topology says how many there are (strict CDR)', async () => {
    const bus = new MemoryTransport({ codec: cdrCodec, logSink: quiet });
    const node = bus.createNode('viewer_bridge', { namespace: '/fleet_a' });
    const state = subscribeBridge(node, declareBridgeParameters(node));
    const players = () => bus.topics().map((t) => t.name).filter((n) => n.includes('player_')).sort();
    expect(players()).toEqual([]);
    const game = bus.createNode('environment', { namespace: '/fleet_a' });
    const header = { stamp: { sec: 0, nanosec: 0 }, frame_id: '' };
    const topology = game.createPublisher<DagTopology>(MsgType.DagTopology, 'dag_topology', LATCHED_QOS);
    topology.publish({ header, name: 'two', players: [{ name: 'a', actions: 2, parents: [], action_labels: [] }, { name: 'b', actions: 3, parents: [0], action_labels: [] }] });
    await bus.run({ untilNs: 1e6 });
    expect(players()).toEqual(['/fleet_a/player_0/action', '/fleet_a/player_0/state', '/fleet_a/player_1/action', '/fleet_a/player_1/state']);
    game.createPublisher<PlayerAction>(MsgType.PlayerAction, 'player_1/action', REWARD_QOS).publish({ header, player_id: 1, round: 0, action: 2 });
    await bus.run({ untilNs: 2e6 });
    expect(state.snapshot().players).toMatchObject([{ id: 1, round: 0, action: 2 }]);
    expect(state.dropped).toBe(0);
  });

  it('runs as the `bridge` executable: serves the WebSocket on its port parameter', async () => {
    const lines: string[] = [];
    const logging = new MemoryTransport({ logSink: (r) => lines.push(r.message) });
    const node = logging.createNode('bridge', { parameterOverrides: { port: 0, num_robots: 1 } });
    const instance = (await loadProgram('bridge'))(node);
    for (let i = 0; i < 50 && !lines.some((l) => l.startsWith('viewer at')); i++) await new Promise((r) => setTimeout(r, 20));
    const url = /viewer at (\S+)/.exec(lines.find((l) => l.startsWith('viewer at')) ?? '')?.[1];
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const ws = new WebSocket(`${url!.replace('http', 'ws')}ws`);
    const first = await new Promise<StatusFrame>((resolve) => ws.once('message', (d) => resolve(JSON.parse(d.toString()) as StatusFrame)));
    expect(first).toMatchObject({ type: 'status', mode: 'ros', controllable: false });
    ws.close();
    instance?.shutdown?.();
    await logging.shutdown();
  });
});

describe('attachViewer (what `fleet-bandits view` does on ROS 2), on the embedded transport', () => {
  it('streams the graph it sees to a WebSocket client', async () => {
    const bus = new MemoryTransport({ logSink: quiet });
    fakeMission(bus.createNode('mission', { parameterOverrides: { sites: 8, robots: 2, horizon: 10 } }));
    const viewer = await attachViewer(bus, { bridge: { numAgents: 0, numRobots: 2 }, port: 0, root: null });
    try {
      await bus.run();
      const ws = new WebSocket(`ws://127.0.0.1:${viewer.server.port}/ws`);
      const state = await new Promise<StateFrame>((resolve) => {
        ws.on('message', (d) => {
          const f = JSON.parse(d.toString()) as StateFrame;
          if (f.type === 'state') resolve(f);
        });
      });
      expect(state.graph!.nodeIds).toHaveLength(8);
      expect(state.robots).toHaveLength(2);
      ws.close();
    } finally {
      await viewer.close();
    }
  });
});
