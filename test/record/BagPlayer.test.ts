// BagPlayer: a replayed recording, recorded again, is the same messages in the same order at the same times; loops, filters, errors.
import { TempBuffer } from '@mcap/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { withOverrides } from '../../src/experiments/runExperiment.js';
import { loadScenario } from '../../src/experiments/scenario/loadScenario.js';
import { defaultMessage, MsgType, type JointReward, type RegretReport } from '../../src/msg/index.js';
import { startEmbedded } from '../../src/nodes/EmbeddedLaunch.js';
import { planNodes } from '../../src/nodes/plan.js';
import { attachRecorder } from '../../src/nodes/record/attachRecorder.js';
import { BagPlayer } from '../../src/nodes/record/BagPlayer.js';
import { BagReader } from '../../src/record/BagReader.js';
import { cdrCodec } from '../../src/runtime/memory/cdrCodec.js';
import { MemoryTransport } from '../../src/runtime/memory/MemoryTransport.js';
import { TELEMETRY_QOS } from '../../src/runtime/Qos.js';
import { bagBytes } from './bagFixtures.js';
import { essence, memoryBag, readBag } from './recordingHelpers.js';

const file = 'sim/scenarios/single-agent.yaml';
const HORIZON = 200;

/** The bytes of a recorded single-agent run (recorded in memory through the attach hook). */
async function recordRun(): Promise<Uint8Array> {
  const { scenario } = loadScenario(file);
  const plan = planNodes(scenario, file, { algorithm: 'EXP3', seed: 4, horizon: HORIZON });
  const { writer, buffer } = memoryBag();
  await startEmbedded(plan, withOverrides(scenario, { algorithms: ['EXP3'], seed: 4, horizon: HORIZON }), {
    logSink: () => {},
    attach: (t) => {
      const rec = attachRecorder(t, { writer });
      return async () => {
        await rec.close();
      };
    },
  }).done;
  return buffer.get();
}

const open = (bytes: Uint8Array) => BagReader.open(new TempBuffer(bytes), { source: 'run.mcap' });

describe('BagPlayer', () => {
  let original: Uint8Array;
  beforeAll(async () => {
    original = await recordRun();
  });

  it('republishes every message in the recorded order and at the recorded times (recorded again: identical)', async () => {
    for (const codec of [undefined, cdrCodec]) {
      const transport = new MemoryTransport({ codec, logSink: () => {} });
      const player = new BagPlayer(transport, await open(original), { paced: false });
      const { writer, buffer } = memoryBag();
      const rec = attachRecorder(transport, { writer });
      const result = await player.play();
      await rec.close();
      expect(result).toEqual({ published: 5 * HORIZON, loops: 1, stoppedBy: 'end' });
      const before = await readBag(original);
      const after = await readBag(buffer.get());
      expect(essence(after.messages)).toEqual(essence(before.messages));
      expect(after.bag.topics.map((t) => [t.name, t.offeredQos])).toEqual(before.bag.topics.map((t) => [t.name, t.offeredQos]));
    }
  });

  it('delivers to ordinary subscribers on the node clock of the recording', async () => {
    const transport = new MemoryTransport({ logSink: () => {} });
    const player = new BagPlayer(transport, await open(original), { paced: false, topics: ['/regret'] });
    const listener = transport.createNode('listener');
    const heard: [number, number][] = [];
    listener.createSubscription<RegretReport>(MsgType.RegretReport, '/regret', (r) => heard.push([r.round, listener.now()]), TELEMETRY_QOS);
    expect(player.topics).toEqual(['/regret']);
    await player.play();
    expect(heard.map(([round]) => round)).toEqual(Array.from({ length: HORIZON }, (_, i) => i));
    // Round r's regret is published at phase 0.5 of round r, which starts at 0.1 s + r * 0.1 s.
    expect(heard[10][1]).toBe(Math.round((0.1 + 10 * 0.1 + 0.05) * 1e9));
  });

  it('loops until stopped, counting complete passes', async () => {
    const bag = await open(original);
    const transport = new MemoryTransport({ logSink: () => {} });
    let n = 0;
    const player: BagPlayer = new BagPlayer(transport, bag, { paced: false, loop: true, topics: ['/regret'], onMessage: () => ++n === 2 * HORIZON + 3 && player.stop() });
    expect(await player.play()).toEqual({ published: 2 * HORIZON + 3, loops: 2, stoppedBy: 'stop' });
    // The third pass started after the second ended: virtual time kept increasing.
    expect(transport.nowNs).toBeGreaterThan(2 * Number(bag.endTimeNs - bag.startTimeNs));
  });

  it('starts a bag of wall-clock times (beyond 2^53 ns) at the transport\'s current time', async () => {
    const epoch = 1_700_000_000_000_000_000n;
    const fixture = [0n, 250_000_000n].map((dt, i) => ({ topic: '/j', type: MsgType.JointReward, message: { ...defaultMessage(MsgType.JointReward), round: i }, time: epoch + dt }));
    const transport = new MemoryTransport({ logSink: () => {} });
    const player = new BagPlayer(transport, await open((await bagBytes(fixture)).bytes), { paced: false });
    const node = transport.createNode('listener');
    const times: number[] = [];
    node.createSubscription<JointReward>(MsgType.JointReward, '/j', () => times.push(node.now()));
    await player.play();
    expect(times).toEqual([0, 250_000_000]);
  });

  it('rejects unknown topics and a bad rate, naming what is available', async () => {
    const bag = await open(original);
    const transport = new MemoryTransport({ logSink: () => {} });
    expect(() => new BagPlayer(transport, bag, { topics: ['/nope'] })).toThrow("cannot replay '/nope': not in run.mcap; recorded: /agent_0/cmd_raw, ");
    expect(() => new BagPlayer(transport, bag, { rate: 0 })).toThrow('replay rate must be a finite number > 0, found 0');
  });
});
