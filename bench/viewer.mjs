// Viewer benchmark (not a test): frame time in headless chromium while a synthetic mission of N robots on a K-site graph streams through the real bridge and server. Run after `npm run build`: node bench/viewer.mjs [--sites 500] [--robots 50] [--seconds 10] [--graph FILE.yaml] [--screenshot PNG] [--aa 0|1].
/* global process, console, window */
import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { WebSocket } from 'ws';
import { parseWaypointYaml } from '../dist/core/graph/parseWaypointYaml.js';
import { Rng } from '../dist/core/random.js';
import { builtViewerRoot } from '../dist/nodes/bridge/viewerRoot.js';
import { allocationTopic, graphTopic, robotStateTopic } from '../dist/nodes/bridge/subscribeBridge.js';
import { header } from '../dist/nodes/stamp.js';
import { regretTopic } from '../dist/nodes/rounds/topics.js';
import { MemoryTransport } from '../dist/runtime/memory/MemoryTransport.js';
import { LATCHED_QOS, TELEMETRY_QOS } from '../dist/runtime/Qos.js';
import { startLiveViewer } from '../dist/viewer/server/liveViewer.js';

const { values: o } = parseArgs({
  options: {
    sites: { type: 'string', default: '500' },
    robots: { type: 'string', default: '50' },
    seconds: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '3' },
    speed: { type: 'string', default: '1' },
    'measure-speed': { type: 'string' },
    aa: { type: 'string' },
    'step-period': { type: 'string', default: '0.1' },
    graph: { type: 'string' },
    screenshot: { type: 'string' },
    width: { type: 'string', default: '1280' },
    height: { type: 'string', default: '800' },
    chromium: { type: 'string', default: '/usr/bin/chromium' },
    json: { type: 'boolean', default: false },
  },
});
const K0 = Number(o.sites);
const N = Number(o.robots);
const seconds = Number(o.seconds);
if (!existsSync(o.chromium)) {
  console.error(`bench/viewer: ${o.chromium} not found (Debian chromium; never a downloaded browser)`);
  process.exit(2);
}
if (builtViewerRoot() === null) {
  console.error('bench/viewer: the viewer is not built; run `npm run build` first');
  process.exit(2);
}

/** The site graph: a waypoint file (--graph), or a random geometric field of K sites. */
function makeGraph(rng) {
  if (o.graph) {
    const g = parseWaypointYaml(readFileSync(o.graph, 'utf8'), o.graph);
    const pos = [];
    for (let k = 0; k < g.size; k++) pos.push([g.positions[3 * k], g.positions[3 * k + 1], g.positions[3 * k + 2]]);
    const edges = [];
    for (let u = 0; u < g.size; u++) for (let e = g.offsets[u]; e < g.offsets[u + 1]; e++) if (g.neighbors[e] > u) edges.push([u, g.neighbors[e]]);
    return { ids: g.ids, pos, edges };
  }
  const side = 40 * Math.sqrt(K0); // about 40 m between neighbours
  const pos = Array.from({ length: K0 }, () => {
    const x = rng.uniformRange(0, side);
    const y = rng.uniformRange(0, side);
    return [x, y, 12 + 6 * Math.sin(x / 150) + 4 * Math.cos(y / 110)];
  });
  // Each site links to its 3 nearest neighbours; components are then chained nearest to nearest.
  const key = new Set();
  const edges = [];
  const add = (a, b) => {
    const k = a < b ? `${a}-${b}` : `${b}-${a}`;
    if (a !== b && !key.has(k)) {
      key.add(k);
      edges.push([a, b]);
    }
  };
  const d2 = (a, b) => (pos[a][0] - pos[b][0]) ** 2 + (pos[a][1] - pos[b][1]) ** 2;
  for (let a = 0; a < K0; a++) {
    const near = [];
    for (let b = 0; b < K0; b++) if (b !== a) near.push([d2(a, b), b]);
    near.sort((x, y) => x[0] - y[0]);
    for (const [, b] of near.slice(0, 3)) add(a, b);
  }
  const comp = components(K0, edges);
  for (let c = 1; c < comp.length; c++) {
    let best = [Infinity, 0, 0];
    for (const a of comp[c - 1]) for (const b of comp[c]) if (d2(a, b) < best[0]) best = [d2(a, b), a, b];
    add(best[1], best[2]);
  }
  return { ids: pos.map((_, k) => `S${k}`), pos, edges };
}

function components(n, edges) {
  const adj = Array.from({ length: n }, () => []);
  for (const [a, b] of edges) {
    adj[a].push(b);
    adj[b].push(a);
  }
  const seen = new Int32Array(n).fill(-1);
  const out = [];
  for (let s = 0; s < n; s++) {
    if (seen[s] >= 0) continue;
    const list = [s];
    seen[s] = out.length;
    for (let q = 0; q < list.length; q++) for (const v of adj[list[q]]) if (seen[v] < 0) {
      seen[v] = out.length;
      list.push(v);
    }
    out.push(list);
  }
  return out;
}

/** A node program: robots walk shortest paths to UCB-chosen sites; graph, states, allocations, regret. */
function mission(node, rng) {
  const { ids: labels, pos, edges } = makeGraph(rng);
  const K = pos.length;
  const ids = pos.map((_, k) => k);
  const adj = Array.from({ length: K }, () => []);
  for (const [a, b] of edges) {
    adj[a].push(b);
    adj[b].push(a);
  }
  const means = Array.from({ length: K }, () => rng.uniformRange(0.25, 0.75));
  const optimal = [...means].sort((a, b) => b - a).slice(0, N).reduce((s, x) => s + x, 0);
  const graphPub = node.createPublisher('fleet_bandits_msgs/msg/GraphTopology', graphTopic, LATCHED_QOS);
  const statePubs = Array.from({ length: N }, (_, i) => node.createPublisher('fleet_bandits_msgs/msg/RobotState', robotStateTopic(i), TELEMETRY_QOS));
  const allocPub = node.createPublisher('fleet_bandits_msgs/msg/Allocation', allocationTopic, TELEMETRY_QOS);
  const regretPub = node.createPublisher('fleet_bandits_msgs/msg/RegretReport', regretTopic, TELEMETRY_QOS);
  graphPub.publish({
    header: header(node, 'map'),
    name: o.graph ? o.graph.replace(/^.*\//, '').replace(/\.ya?ml$/, '') : `bench-${K}-sites`,
    directed: false,
    node_ids: ids,
    positions: pos.map(([x, y, z]) => ({ x, y, z })),
    node_labels: labels,
    edges: edges.map(([a, b]) => ({ source: a, target: b, length: Math.hypot(pos[a][0] - pos[b][0], pos[a][1] - pos[b][1]) })),
  });
  const at = new Int32Array(N);
  const goal = new Int32Array(N);
  const samples = new Float64Array(K);
  const sums = new Float64Array(K);
  let hops = [];
  let step = 0;
  let cumulative = 0;
  const bfs = (target) => {
    const next = new Int32Array(K).fill(-1);
    next[target] = target;
    const q = [target];
    for (let h = 0; h < q.length; h++) for (const v of adj[q[h]]) if (next[v] < 0) {
      next[v] = q[h];
      q.push(v);
    }
    return next;
  };
  const allocate = () => {
    const t = step + 1;
    const ucb = Array.from({ length: K }, (_, k) => (samples[k] === 0 ? Infinity : sums[k] / samples[k] + Math.sqrt((2 * Math.log(t)) / samples[k])));
    const order = Array.from({ length: K }, (_, k) => k).sort((a, b) => ucb[b] - ucb[a] || a - b);
    const counts = new Array(K).fill(0);
    for (let i = 0; i < N; i++) {
      goal[i] = order[i % K];
      counts[goal[i]]++;
    }
    const trees = new Map();
    hops = Array.from({ length: N }, (_, i) => {
      if (!trees.has(goal[i])) trees.set(goal[i], bfs(goal[i]));
      return trees.get(goal[i]);
    });
    allocPub.publish({ header: header(node), step, episode: Math.floor(step / 20), node_ids: ids, target_counts: counts, means: Array.from({ length: K }, (_, k) => (samples[k] ? sums[k] / samples[k] : 0)), ucbs: ucb, sample_counts: Array.from(samples), robot_goals: Array.from(goal) });
  };
  node.createTimer(Number(o['step-period']), () => {
    if (step % 20 === 0) allocate();
    let achieved = 0;
    for (let i = 0; i < N; i++) {
      const here = at[i];
      if (here === goal[i]) {
        samples[here]++;
        sums[here] += means[here] + rng.normal(0, 0.1);
        achieved += means[here];
      }
      const next = here === goal[i] || hops[i][here] < 0 ? here : hops[i][here];
      statePubs[i].publish({ header: header(node, 'map'), robot_id: i, current_node: here, target_node: next, goal_node: goal[i], pose: { position: { x: pos[here][0], y: pos[here][1], z: pos[here][2] }, orientation: { x: 0, y: 0, z: 0, w: 1 } }, phase: here === goal[i] ? 3 : 2, step });
      at[i] = next;
    }
    cumulative += optimal - achieved;
    regretPub.publish({ header: header(node), algorithm: 'bench-UCB', run_label: `bench/${K}x${N}`, round: step, optimal_value: optimal, achieved_value: achieved, instant_regret: optimal - achieved, cumulative_regret: cumulative });
    step++;
  });
  return { sites: K };
}

const viewer = await startLiveViewer({ port: 0, speed: Number(o.speed), bridge: { numAgents: 0, numRobots: N } });
const transport = new MemoryTransport({ logSink: () => {} });
viewer.attach(transport);
const { sites } = mission(transport.createNode('bench_mission'), new Rng(7));
let stopping = false;
const running = transport.run({ shouldStop: () => stopping });

const browser = await chromium.launch({ executablePath: o.chromium, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
const page = await browser.newPage({ viewport: { width: Number(o.width), height: Number(o.height) } });
const errors = [];
page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
page.on('pageerror', (e) => errors.push(e.message));
await page.goto(o.aa === undefined ? viewer.url : `${viewer.url}?aa=${o.aa}`);
await page.waitForFunction(([r, s]) => window.__viewer && window.__viewer.robotCount === r && window.__viewer.siteCount === s, [N, sites], { timeout: 60_000 });
await page.waitForTimeout(Number(o.warmup) * 1000);
if (o['measure-speed'] !== undefined) await page.selectOption('#speed', o['measure-speed']);

// Bytes the bridge streams, seen by a second client during the measurement.
let bytes = 0;
let frames = 0;
const probe = new WebSocket(`${viewer.url.replace('http', 'ws')}ws`);
probe.on('message', (d) => {
  bytes += d.length;
  frames++;
});
await page.evaluate(() => window.__viewer.resetFrameStats());
await page.waitForTimeout(seconds * 1000);
const stats = await page.evaluate(() => window.__viewer.frameStats());
const meshes = await page.evaluate(() => window.__viewer.meshCounts);
probe.close();
if (o.screenshot) await page.screenshot({ path: o.screenshot });
const version = browser.version();
await browser.close();
stopping = true;
await running;
await viewer.close();

const ms = (x) => x.toFixed(2);
const report = {
  robots: N,
  sites,
  edges: meshes.edges,
  seconds,
  viewport: `${o.width}x${o.height}`,
  browser: `chromium ${version} headless, --disable-gpu (SwiftShader software WebGL)`,
  fps: stats.frames / seconds,
  frameIntervalMs: stats.interval,
  workPerFrameMs: stats.work,
  drawCalls: stats.renderer.calls,
  triangles: stats.renderer.triangles,
  websocket: { framesPerSecond: frames / seconds, kilobytesPerSecond: bytes / 1024 / seconds },
  consoleErrors: errors,
};
if (o.json) console.log(JSON.stringify(report, null, 2));
else {
  console.log(`viewer benchmark: ${N} robots on ${sites} sites (${meshes.edges} edges), ${report.viewport}, ${report.browser}`);
  console.log(`  frames            ${stats.frames} in ${seconds} s = ${report.fps.toFixed(1)} fps`);
  console.log(`  frame interval    mean ${ms(stats.interval.mean)} ms, p50 ${ms(stats.interval.p50)}, p95 ${ms(stats.interval.p95)}, p99 ${ms(stats.interval.p99)}, max ${ms(stats.interval.max)}`);
  console.log(`  work per frame    mean ${ms(stats.work.mean)} ms, p50 ${ms(stats.work.p50)}, p95 ${ms(stats.work.p95)}, max ${ms(stats.work.max)} (layers + render call)`);
  console.log(`  draw calls        ${stats.renderer.calls}, triangles ${stats.renderer.triangles}`);
  console.log(`  websocket         ${report.websocket.framesPerSecond.toFixed(1)} frames/s, ${report.websocket.kilobytesPerSecond.toFixed(1)} KiB/s`);
  if (errors.length > 0) console.log(`  console errors    ${errors.join(' | ')}`);
}
