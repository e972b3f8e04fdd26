// The settled mode of the erasure environment (a learner with one arm left): the rounds run
// without rewards, agents drop out once they play the settled arm for good, and every round's
// regret is the same float as `step` gives with the same commands.
import { describe, expect, it } from 'vitest';
import { KeepLastAgent } from '../../../src/core/erasure/KeepLastAgent.js';
import { Rng } from '../../../src/core/random.js';
import { RewardModel } from '../../../src/envs/arms/RewardModel.js';
import type { ChannelSpec } from '../../../src/envs/channels/ChannelSpec.js';
import { createChannel } from '../../../src/envs/channels/createChannel.js';
import { DeliveryQueue } from '../../../src/envs/channels/DeliveryQueue.js';
import { ErasureEnvironment } from '../../../src/envs/erasure/ErasureEnvironment.js';
import { AgentDowntime } from '../../../src/envs/faults/AgentDowntime.js';

const links: ChannelSpec[] = [
  { type: 'erasure', eps: 0.99 },
  { type: 'erasure', eps: 0 },
  { type: 'gilbert-elliott', pGoodToBad: 0.2, pBadToGood: 0.05 },
  { type: 'delay', eps: 0.5, delay: { type: 'geometric', p: 0.05 }, reorder: true },
  { type: 'delay', eps: 0.3, delay: { type: 'fixed', rounds: 40 } },
  { type: 'schedule', segments: [{ from: 0, eps: 0.2 }, { from: 30, eps: 0.97 }] },
];
const means = [0.1, 1.0, 0.8, 0.3, 0.7];

function world(seed: number, feedback: 'none' | 'ack_success' = 'none', downtime?: AgentDowntime): ErasureEnvironment {
  const rng = new Rng(seed);
  return new ErasureEnvironment({
    rewards: new RewardModel({ distribution: 'gaussian', means, sd: 1 }),
    channels: links.map((spec, j) => createChannel(spec, rng.stream(`channel/${j}`))),
    agents: links.map((_, j) => new KeepLastAgent({ arms: means.length, rng: rng.stream(`agent/${j}`) })),
    rewardRngs: links.map((_, j) => rng.stream(`agent/${j}/reward`)),
    feedback,
    downtime,
  });
}

describe('ErasureEnvironment.settle', () => {
  it.each([1, 2, 3, 4, 5])('seed %i: stepSettled gives the regret of step with the settled commands, round by round, bit for bit', (seed) => {
    const M = links.length;
    const a = world(seed);
    const b = world(seed);
    const played = new Int32Array(M);
    const rewards = new Float64Array(M);
    const cmd = new Int32Array(M);
    // A changing phase leaves other arms in flight on the delaying links.
    for (let t = 0; t < 25; t++) {
      for (let j = 0; j < M; j++) cmd[j] = (t + j) % means.length;
      expect(b.step(t, cmd, played, rewards)).toBe(a.step(t, cmd, played, rewards));
    }
    const settledCmd = Int32Array.from({ length: M }, (_, j) => (j === 2 ? 4 : 1));
    b.settle(settledCmd);
    for (let t = 25; t < 3000; t++) {
      const expected = a.step(t, settledCmd, played, rewards);
      const got = b.stepSettled(t);
      expect(Object.is(got, expected), `round ${t}`).toBe(true);
    }
    expect(b.transmissions).toBe(a.transmissions);
  });

  it('refuses feedback environments, crashing agents, commands that are not arms, and stepSettled before settle', () => {
    expect(() => world(1, 'ack_success').settle(new Int32Array(links.length))).toThrow(/only without uplink feedback/);
    const crash = new AgentDowntime([{ kind: 'agent-crash', agents: [1], from: 10, to: 20 }], links.length);
    expect(() => world(1, 'none', crash).settle(new Int32Array(links.length))).toThrow(/only without agent crashes/);
    expect(() => world(1).settle(new Int32Array(links.length).fill(-1))).toThrow(/agent 0's command must be an arm in \[0, 5\), found -1/);
    expect(() => world(1).settle(new Int32Array(2))).toThrow(/one command per agent: 6 agents, 2 commands/);
    expect(() => world(1).stepSettled(0)).toThrow(/call settle\(\) first/);
  });
});

describe('DeliveryQueue.countOther', () => {
  it('counts the queued commands with another arm', () => {
    const q = new DeliveryQueue(2);
    for (const [arrival, arm] of [[5, 1], [3, 2], [9, 1], [4, 0]]) q.push(arrival, 0, arm);
    expect(q.countOther(1)).toBe(2);
    expect(q.popDue(3)).toBe(true);
    expect(q.countOther(1)).toBe(1);
    expect(q.countOther(7)).toBe(3);
  });
});
