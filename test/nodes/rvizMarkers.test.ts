// RViz and Foxglove: robots broadcast TF (map -> robot_<i>/base_link; map -> odom on /tf_static
// with kinematic robots), the markers node publishes a MarkerArray of the mission; a recording of
// both decodes with the standard ROS 2 definitions (@foxglove/rosmsg-msgs-common, not ours); the
// RViz config and the Foxglove layout parse and name only topics of the plan.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ros2humble } from '@foxglove/rosmsg-msgs-common';
import { MessageReader } from '@foxglove/rosmsg2-serialization';
import { McapIndexedReader, TempBuffer } from '@mcap/core';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { withOverrides } from '../../src/experiments/runExperiment.js';
import { loadScenario } from '../../src/experiments/scenario/loadScenario.js';
import { startEmbedded } from '../../src/nodes/EmbeddedLaunch.js';
import { planNodes, type PlanOptions } from '../../src/nodes/plan.js';
import { attachRecorder } from '../../src/nodes/record/attachRecorder.js';
import { EXECUTABLES, loadPrograms } from '../../src/nodes/executables.js';
import { planTopics } from '../../src/nodes/record/planTopics.js';
import { cdrCodec } from '../../src/runtime/memory/cdrCodec.js';
import { repoRoot } from '../helpers/cli.js';
import { memoryBag } from '../record/recordingHelpers.js';

const QUICK = 'sim/scenarios/coverage-quick.yaml';
const { scenario: base } = loadScenario(QUICK);
const programOf = await loadPrograms(EXECUTABLES);

type Def = (typeof ros2humble)[keyof typeof ros2humble];
/** A reader for `type` from the standard ROS 2 Humble definitions only. */
function standardReader(type: 'tf2_msgs/TFMessage' | 'visualization_msgs/MarkerArray'): MessageReader {
  const defs: Def[] = [];
  const seen = new Set<string>();
  const visit = (name: string) => {
    if (seen.has(name)) return;
    seen.add(name);
    const def = ros2humble[name as keyof typeof ros2humble];
    if (!def) throw new Error(`no standard definition of ${name}`);
    defs.push(name === type ? { ...def, name: undefined } : def);
    for (const f of def.definitions) if (f.isComplex === true) visit(f.type);
  };
  visit(type);
  return new MessageReader(defs);
}

async function recordedMission(options: PlanOptions, horizon = 40) {
  const s = withOverrides(base, { algorithms: ['Multi-G-UCB'], horizon });
  const plan = planNodes(base, QUICK, { algorithm: 'Multi-G-UCB', horizon, ...options });
  const { writer, buffer } = memoryBag();
  let close: (() => Promise<unknown>) | undefined;
  await startEmbedded(plan, s, {
    codec: cdrCodec,
    logSink: () => {},
    attach: (bus) => {
      const rec = attachRecorder(bus, { writer, topics: ['/tf', '/tf_static', '/markers'].filter((t) => options.adapter !== undefined || t !== '/tf_static') });
      close = () => rec.close();
      return async () => {
        await close?.();
      };
    },
  }).done;
  const mcap = await McapIndexedReader.Initialize({ readable: new TempBuffer(buffer.get()) });
  const out: { topic: string; schema: string; data: Uint8Array }[] = [];
  for await (const m of mcap.readMessages()) {
    const channel = mcap.channelsById.get(m.channelId)!;
    out.push({ topic: channel.topic, schema: mcap.schemasById.get(channel.schemaId)!.name, data: m.data });
  }
  return { plan, messages: out };
}

describe('TF and markers in a recording', () => {
  it('robots broadcast map -> robot_<i>/base_link at their pose every step; the MarkerArray draws sites, edges, allocation, goals, robots and paths', async () => {
    const { messages } = await recordedMission({});
    const tfReader = standardReader('tf2_msgs/TFMessage');
    const tf = messages.filter((m) => m.topic === '/tf');
    expect(tf.length).toBe(40 * 5);
    expect(new Set(tf.map((m) => m.schema))).toEqual(new Set(['tf2_msgs/msg/TFMessage']));
    const children = new Set<string>();
    for (const m of tf) {
      const msg = tfReader.readMessage(m.data) as { transforms: { header: { frame_id: string }; child_frame_id: string; transform: { translation: { x: number }; rotation: { w: number } } }[] };
      for (const t of msg.transforms) {
        expect(t.header.frame_id).toBe('map');
        expect(Number.isFinite(t.transform.translation.x)).toBe(true);
        children.add(t.child_frame_id);
      }
    }
    expect([...children].sort()).toEqual([0, 1, 2, 3, 4].map((i) => `robot_${i}/base_link`));
    const markerReader = standardReader('visualization_msgs/MarkerArray');
    const arrays = messages.filter((m) => m.topic === '/markers');
    // One per step; the run ends when the monitor reports the last step (phase 0), before its phase 0.6.
    expect(arrays).toHaveLength(39);
    expect(arrays[0].schema).toBe('visualization_msgs/msg/MarkerArray');
    const last = markerReader.readMessage(arrays.at(-1)!.data) as { markers: { ns: string; type: number; action: number; header: { frame_id: string }; scale: { x: number }; color: { r: number; b: number }; points: unknown[]; text: string }[] };
    const byNs = (ns: string) => last.markers.filter((m) => m.ns === ns);
    expect(last.markers[0].action).toBe(3); // DELETEALL first
    expect(byNs('sites')).toHaveLength(30);
    expect(byNs('robots')).toHaveLength(5);
    expect(byNs('paths')).toHaveLength(5);
    expect(byNs('edges')[0].points.length).toBeGreaterThan(30);
    const targets = byNs('targets');
    expect(targets.reduce((a, m) => a + Number(m.text.split(': ')[1]), 0)).toBe(5);
    // Sites with robots allocated are drawn larger.
    const sites = byNs('sites');
    const small = Math.min(...sites.map((m) => m.scale.x));
    expect(sites.filter((m) => m.scale.x > small + 1e-9).length).toBe(targets.length);
    for (const m of last.markers.slice(1)) expect(m.header.frame_id).toBe('map');
  });

  it('with kinematic robots, /tf_static carries map -> odom (identity)', async () => {
    const { messages } = await recordedMission({ adapter: 'pose_goal' }, 5);
    const tfReader = standardReader('tf2_msgs/TFMessage');
    const statics = messages.filter((m) => m.topic === '/tf_static').map((m) => tfReader.readMessage(m.data) as { transforms: { header: { frame_id: string }; child_frame_id: string; transform: { translation: { x: number; y: number; z: number }; rotation: { w: number } } }[] });
    expect(statics.length).toBeGreaterThanOrEqual(1);
    const t = statics[0].transforms[0];
    expect([t.header.frame_id, t.child_frame_id, t.transform.translation, t.transform.rotation.w]).toEqual(['map', 'odom', { x: 0, y: 0, z: 0 }, 1]);
  });
});

describe('RViz config and Foxglove layout', () => {
  const topicsOf = (options: PlanOptions) => new Set(planTopics(planNodes(base, QUICK, options), programOf).topics.map((t) => t.name));

  it('config/fleet_bandits.rviz parses, shows TF and the MarkerArray in frame map, and names only topics of the plan', () => {
    const doc = parse(readFileSync(path.join(repoRoot, 'config/fleet_bandits.rviz'), 'utf8')) as { 'Visualization Manager': { Displays: { Class: string; Topic?: { Value: string } }[]; 'Global Options': { 'Fixed Frame': string } } };
    const vm = doc['Visualization Manager'];
    expect(vm['Global Options']['Fixed Frame']).toBe('map');
    expect(vm.Displays.map((d) => d.Class)).toEqual(expect.arrayContaining(['rviz_default_plugins/TF', 'rviz_default_plugins/MarkerArray']));
    const named: string[] = [];
    const walk = (v: unknown, key = ''): void => {
      if (Array.isArray(v)) v.forEach((x) => walk(x));
      else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, k);
      else if (key === 'Value' && typeof v === 'string' && v.startsWith('/')) named.push(v);
    };
    walk(doc);
    expect(named).toEqual(['/markers']);
    for (const options of [{}, { simulateEnvironment: false }, { adapter: 'pose_goal' as const }]) {
      const topics = topicsOf(options);
      for (const t of named) expect(topics, t).toContain(t);
      expect(topics).toContain('/tf');
    }
  });

  it('config/fleet_bandits.foxglove.json parses and names only topics of the plan', () => {
    const layout = JSON.parse(readFileSync(path.join(repoRoot, 'config/fleet_bandits.foxglove.json'), 'utf8')) as { configById: Record<string, { topics?: Record<string, unknown>; paths?: { value: string }[]; topicPath?: string }>; layout: unknown };
    const named = new Set<string>();
    for (const panel of Object.values(layout.configById)) {
      for (const t of Object.keys(panel.topics ?? {})) named.add(t);
      for (const p of panel.paths ?? []) named.add(p.value.split('.')[0]);
      if (panel.topicPath !== undefined) named.add(panel.topicPath.split('.')[0]);
    }
    expect([...named].sort()).toEqual(['/allocation', '/markers', '/regret', '/tf']);
    const topics = topicsOf({});
    for (const t of named) expect(topics, t).toContain(t);
    expect(JSON.stringify(layout.layout)).toContain('3D!mission');
  });
});
