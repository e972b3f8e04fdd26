// Uplink feedback: the stop-on-success rule, what silence means per mode, and what the learner
// may believe when the uplink loses bits (it never credits a delivery it has not heard).
import { describe, expect, it } from 'vitest';
import { BatchTpg } from '../../../src/core/erasure/BatchTpg.js';
import { DeliveryTracker, FB_ACK, FB_NACK, FB_NONE, FB_STATUS, feedbackBit } from '../../../src/core/erasure/feedback.js';
import { KeepLastAgent } from '../../../src/core/erasure/KeepLastAgent.js';
import { Sp2Feedback } from '../../../src/core/erasure/Sp2Feedback.js';
import { Rng } from '../../../src/core/random.js';
import { RewardModel } from '../../../src/envs/arms/RewardModel.js';
import { ErasureChannel } from '../../../src/envs/channels/ErasureChannel.js';
import { ErasureEnvironment } from '../../../src/envs/erasure/ErasureEnvironment.js';

describe('feedbackBit', () => {
  it('sends the bit of the spec table for each mode', () => {
    const row = (mode: Parameters<typeof feedbackBit>[0]) => [feedbackBit(mode, true, true), feedbackBit(mode, true, false), feedbackBit(mode, false, false)];
    expect(row('none')).toEqual([FB_NONE, FB_NONE, FB_NONE]);
    expect(row('beacon')).toEqual([FB_ACK, FB_NACK, FB_NONE]);
    expect(row('ack_success')).toEqual([FB_ACK, FB_NONE, FB_NONE]);
    expect(row('nack_erase')).toEqual([FB_NONE, FB_NACK, FB_NONE]);
    expect(row('all')).toEqual([FB_ACK, FB_NACK, FB_STATUS]);
  });
});

describe('DeliveryTracker', () => {
  it('retransmits until a delivery is heard, then stays silent while the arm does not change', () => {
    const t = new DeliveryTracker(1, 'ack_success', false);
    expect(t.command(0, 3)).toBe(3);
    t.hear(0, FB_NONE); // reliable uplink: silence = erased
    expect(t.played(0)).toBe(-1);
    expect(t.command(0, 3)).toBe(3);
    t.hear(0, FB_ACK);
    expect(t.played(0)).toBe(3);
    expect(t.command(0, 3)).toBe(-1);
    expect(t.command(0, 5)).toBe(5);
    t.hear(0, FB_NONE); // erased: the agent still plays 3, and the learner knows it
    expect(t.played(0)).toBe(3);
    expect(t.transmissions).toBe(3);
  });

  it('reads silence as delivery under nack_erase with a reliable uplink', () => {
    const t = new DeliveryTracker(1, 'nack_erase', false);
    t.command(0, 2);
    t.hear(0, FB_NONE);
    expect(t.played(0)).toBe(2);
  });

  it('over a lossy uplink, silence is unknown: the played arm is forgotten and the command resent', () => {
    const t = new DeliveryTracker(1, 'ack_success', true);
    t.command(0, 1);
    t.hear(0, FB_ACK);
    expect(t.played(0)).toBe(1);
    t.command(0, 4);
    t.hear(0, FB_NONE); // ACK lost, or erased: the agent plays 1 or 4
    expect(t.played(0)).toBe(-1);
    expect(t.command(0, 4)).toBe(4);
    expect(() => new DeliveryTracker(1, 'nack_erase', true)).toThrow(/reliable uplink/);
  });
});

/** One run of a feedback learner in the environment, checking after every round that what the learner believes is true. */
function lossyRun(make: (rng: Rng) => BatchTpg | Sp2Feedback, uplinkEps: number) {
  const root = new Rng(11);
  const eps = [0.1, 0.3, 0.5, 0.6];
  const M = eps.length;
  const rewards = new RewardModel({ distribution: 'gaussian', means: [0.2, 0.9, 0.5, 0.1, 0.7], sd: 1 });
  const env = new ErasureEnvironment({
    rewards,
    channels: eps.map((e, j) => new ErasureChannel({ eps: e, rng: root.stream(`channel/${j}`) })),
    agents: eps.map((_, j) => new KeepLastAgent({ arms: 5, rng: root.stream(`agent/${j}`) })),
    rewardRngs: eps.map((_, j) => root.stream(`agent/${j}/reward`)),
    feedback: 'ack_success',
    uplinks: eps.map((_, j) => new ErasureChannel({ eps: uplinkEps, rng: root.stream(`feedback/${j}`) })),
  });
  const learner = make(root.stream('algorithm'));
  const cmd = new Int32Array(M);
  const played = new Int32Array(M);
  const r = new Float64Array(M);
  const heard = new Uint8Array(M);
  let wrong = 0;
  let known = 0;
  for (let t = 0; t < 20_000; t++) {
    learner.nextCommands(t, cmd);
    env.step(t, cmd, played, r, heard);
    learner.hear(t, heard);
    for (let s = 0; s < M; s++) {
      const belief = learner.tracker.played(s);
      if (belief >= 0) {
        known++;
        if (belief !== played[learner.order[s]]) wrong++;
      }
    }
    learner.observe(t, r);
  }
  const samples = learner.summary().samples.reduce((a, b) => a + b, 0);
  return { env, learner, wrong, known, samples };
}

describe('lost acknowledgements', () => {
  it.each([
    ['TPG', (rng: Rng) => new BatchTpg({ arms: 5, epsBounds: [0.1, 0.3, 0.5, 0.6], horizon: 20_000, lossyUplink: true, rng })],
    ['SP2-Feedback', (rng: Rng) => new Sp2Feedback({ arms: 5, epsBounds: [0.1, 0.3, 0.5, 0.6], horizon: 20_000, lossyUplink: true, rng })],
  ])('%s: with half the ACKs lost, every arm the learner credits is the arm really played', (_name, make) => {
    const { env, learner, wrong, known, samples } = lossyRun(make, 0.5);
    expect(env.feedbackLost / env.feedbackBits).toBeGreaterThan(0.45);
    expect(env.feedbackLost / env.feedbackBits).toBeLessThan(0.55);
    expect(wrong).toBe(0);
    // Credits only come from agent-rounds whose played arm was known, and learning still happens.
    expect(samples).toBeLessThanOrEqual(known);
    expect(samples).toBeGreaterThan(1000);
    expect(learner.summary().activeArms).toEqual([1]);
  });

  it('a learner that wrongly read silence as erasure over the same lossy uplink would be misled', () => {
    // Control: the same run, but the learner is told the uplink is reliable, so a lost ACK after
    // a delivery reads as an erasure and the learner believes the agent still plays its old arm.
    const { wrong } = lossyRun((rng) => new BatchTpg({ arms: 5, epsBounds: [0.1, 0.3, 0.5, 0.6], horizon: 20_000, lossyUplink: false, rng }), 0.5);
    expect(wrong).toBeGreaterThan(0);
  });
});
