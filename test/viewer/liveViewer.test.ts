// A live run with the viewer holds at node time 0 until the first browser connects (`run --view`), so the page's first frame is round 0; `--no-wait` (waitForClient false) starts at once.
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { ScenarioBase } from '../../src/experiments/Family.js';
import type { ServerFrame, StateFrame } from '../../src/nodes/bridge/protocol.js';
import { startEmbedded } from '../../src/nodes/EmbeddedLaunch.js';
import type { NodePlan } from '../../src/nodes/plan.js';
import { startLiveViewer, type LiveViewer } from '../../src/viewer/server/liveViewer.js';
import { fakeMission } from './fakeMission.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function mission(waitForClient: boolean) {
  const horizon = 100_000;
  const scenario: ScenarioBase = { name: 'synthetic-field', family: 'synthetic', seed: 1, horizon, runs: 1, grid: { points: 50, spacing: 'linear' }, algorithms: [{ name: 'fake-ucb' }] };
  const plan: NodePlan = { scenario: 'synthetic', family: 'synthetic', algorithm: 'fake-ucb', seed: 1, run: 0, horizon, roundPeriod: 0.1, startTime: 0.1, nodes: [] };
  // 2x real time: 20 steps per second once it runs (the viewer sends 20 frames per second).
  const viewer = await startLiveViewer({ port: 0, root: null, speed: 2, waitForClient, bridge: { numAgents: 0, numRobots: 2 } });
  const run = startEmbedded(plan, scenario, {
    logSink: () => {},
    drive: viewer.drive,
    attach: (t) => {
      viewer.attach(t);
      fakeMission(t.createNode('fake_mission', { parameterOverrides: { sites: 8, robots: 2, horizon } }));
    },
  });
  return { viewer, stop: async () => { run.stop(); await run.done; await viewer.close(); } };
}

function firstState(url: string): Promise<{ ws: WebSocket; frame: StateFrame }> {
  const ws = new WebSocket(`${url.replace('http', 'ws')}ws`);
  return new Promise((resolve, reject) => {
    ws.on('error', reject);
    ws.on('message', (d) => {
      const f = JSON.parse(d.toString()) as ServerFrame;
      // The first frame with something drawn in it (the connect snapshot of a held run is empty).
      if (f.type === 'state' && (f.graph || f.robots?.length)) resolve({ ws, frame: f });
    });
  });
}

describe('live viewer waiting for the first browser', () => {
  let stop: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await stop?.();
    stop = undefined;
  });

  it('holds the run at round 0 until a client connects, then runs', async () => {
    const m = await mission(true);
    stop = m.stop;
    const v: LiveViewer = m.viewer;
    await sleep(400);
    expect(v.waiting).toBe(true);
    expect(v.state.round).toBe(0);
    expect(v.state.timeNs).toBe(0);
    expect(v.pacer.status().paused).toBe(true);
    const { ws, frame } = await firstState(v.url);
    expect(v.waiting).toBe(false);
    expect(frame.round).toBeLessThanOrEqual(2);
    await sleep(600);
    expect(v.state.round).toBeGreaterThan(5);
    ws.close();
  });

  it('with waitForClient false (--no-wait) runs without a client', async () => {
    const m = await mission(false);
    stop = m.stop;
    await sleep(400);
    expect(m.viewer.waiting).toBe(false);
    expect(m.viewer.state.round).toBeGreaterThan(3);
  });
});
