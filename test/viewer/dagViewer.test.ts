// The DAG family in the viewer's data path: a real dag-quick run (player, environment and monitor nodes, strict CDR) seen by the bridge live and recorded to MCAP; the replay of the recording shows the same game, actions, policies and shared reward.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withOverrides } from '../../src/experiments/runExperiment.js';
import { loadScenario } from '../../src/experiments/scenario/loadScenario.js';
import { declareBridgeParameters, subscribeBridge } from '../../src/nodes/bridge/subscribeBridge.js';
import type { StateFrame } from '../../src/nodes/bridge/protocol.js';
import { startEmbedded } from '../../src/nodes/EmbeddedLaunch.js';
import { planNodes } from '../../src/nodes/plan.js';
import { attachRecorder } from '../../src/nodes/record/attachRecorder.js';
import { cdrCodec } from '../../src/runtime/memory/cdrCodec.js';
import { readRecording } from '../../src/viewer/server/readRecording.js';
import { ReplayPlayer } from '../../src/viewer/server/ReplayPlayer.js';

const FILE = 'sim/scenarios/dag-quick.yaml';
const ROUNDS = 60;
let dir: string;
let bag: string;
let live: StateFrame;
let dropped = -1;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'dag-viewer-'));
  bag = join(dir, 'dag.mcap');
  const { scenario } = loadScenario(FILE);
  const s = withOverrides(scenario, { algorithms: ['dag-exp3'], horizon: ROUNDS, runs: 1 });
  await startEmbedded(planNodes(scenario, FILE, { algorithm: 'dag-exp3', horizon: ROUNDS }), s, {
    codec: cdrCodec,
    logSink: () => {},
    attach: (bus) => {
      // The bridge joins before the nodes exist: it learns the players from the latched topology.
      const node = bus.createNode('viewer_bridge');
      const state = subscribeBridge(node, declareBridgeParameters(node));
      const recorder = attachRecorder(bus, { output: bag });
      return async () => {
        await recorder.close();
        live = state.snapshot();
        dropped = state.dropped;
      };
    },
  }).done;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('DAG game in the viewer', () => {
  it('live: the game graph, every player latest action and policy, the shared reward, the regret', () => {
    expect(dropped).toBe(0);
    expect(live.dag!.name).toBe('dag-quick');
    expect(live.dag!.players.map((p) => [p.name, p.actions, p.parents])).toEqual([
      ['leader', 2, []],
      ['follower', 3, [0]],
      ['rear', 2, [0, 1]],
    ]);
    expect(live.players!.map((p) => [p.id, p.round, p.policyRound])).toEqual([
      [0, ROUNDS - 1, ROUNDS - 1],
      [1, ROUNDS - 1, ROUNDS - 1],
      [2, ROUNDS - 1, ROUNDS - 1],
    ]);
    for (const p of live.players!) {
      expect(p.action).toBeGreaterThanOrEqual(0);
      expect(p.policy).toHaveLength(live.dag!.players[p.id].actions);
      expect(p.policy.reduce((a, x) => a! + x!, 0)).toBeCloseTo(1, 12); // EXP3 probabilities
    }
    expect(live.sharedReward!.count).toBe(ROUNDS);
    expect(live.sharedReward!.round).toBe(ROUNDS - 1);
    expect(live.regret!.round).toBe(ROUNDS - 1);
  });

  it('the recording carries the topology and every player topic; the replay at its end shows what the live bridge showed', async () => {
    const rec = await readRecording(bag);
    expect(rec.rejected).toEqual([]);
    const topics = Object.fromEntries(rec.topics.map((t) => [t.topic, t.count]));
    expect(topics).toMatchObject({ '/dag_topology': 1, '/joint_reward': ROUNDS, '/regret': ROUNDS, '/player_0/action': ROUNDS, '/player_2/state': ROUNDS });
    const player = new ReplayPlayer(rec, { paused: true });
    player.seek(rec.endNs);
    const end = player.snapshot();
    expect(end.dag).toEqual(live.dag);
    expect(end.players).toEqual(live.players);
    expect(end.sharedReward).toEqual(live.sharedReward);
    expect(end.regretPoints).toEqual(live.regretPoints);
    // scrubbing back shows an earlier round of every player
    player.seek(rec.startNs + (rec.endNs - rec.startNs) / 2);
    const mid = player.snapshot();
    expect(mid.dag).toEqual(live.dag);
    expect(mid.players!.every((p) => p.round < ROUNDS - 1)).toBe(true);
    expect(player.state.dropped).toBe(0);
  });
});
