// The journal comparison (sim/scenarios/erasure-feedback.yaml): feedback modes change only the
// feedback bits; TPG beats SP2 on mild links with far fewer transmissions; the scenario rejects
// combinations the learners cannot serve; the communication plot is drawn.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { erasureScenarioSchema } from '../../../src/experiments/erasure/schema.js';
import { communicationPlotSpec, renderCommunicationSvg } from '../../../src/experiments/plot.js';
import { runExperiment, withOverrides } from '../../../src/experiments/runExperiment.js';
import { fromZodIssues } from '../../../src/experiments/scenario/zodIssues.js';

const doc = parse(readFileSync('sim/scenarios/erasure-feedback.yaml', 'utf8'));
const scenario = erasureScenarioSchema.parse(doc);

describe('erasure feedback modes', () => {
  it('on the same trace and seed the four modes give identical regret and transmissions and differ only in feedback bits', async () => {
    const s = withOverrides(scenario, { runs: 3, horizon: 8000, algorithms: ['TPG (ack)', 'TPG (beacon)', 'TPG (nack)', 'TPG (all)'] });
    const sum = await runExperiment(s, { workers: 0 });
    const [ack, beacon, nack, all] = sum.algorithms;
    for (const other of [beacon, nack, all]) {
      expect(other.curve).toEqual(ack.curve);
      expect(other.metrics!.transmissions).toEqual(ack.metrics!.transmissions);
    }
    const tx = ack.metrics!.transmissions.mean;
    expect(tx).toBeLessThan(200); // vs M T = 32000 without feedback
    expect(beacon.metrics!.feedbackBits.mean).toBe(tx); // one bit per transmission
    expect(ack.metrics!.feedbackBits.mean + nack.metrics!.feedbackBits.mean).toBe(tx); // ACKs + NACKs
    expect(ack.metrics!.feedbackBits.mean).toBeGreaterThan(nack.metrics!.feedbackBits.mean); // mild links: most arrive
    expect(all.metrics!.feedbackBits.mean).toBe(4 * 8000); // every agent, every round
  });

  it('TPG regret is below SP2 on the mild profile with a tiny fraction of its transmissions', async () => {
    const s = withOverrides(scenario, { runs: 6, algorithms: ['SP2', 'TPG (ack)'] });
    const sum = await runExperiment(s, { workers: 0 });
    const [sp2, tpg] = sum.algorithms;
    expect(sp2.metrics!.transmissions.mean).toBe(4 * 50_000);
    expect(tpg.metrics!.transmissions.mean).toBeLessThan(sp2.metrics!.transmissions.mean / 1000);
    expect(tpg.finalRegret.mean).toBeLessThan(sp2.finalRegret.mean);
    const spec = communicationPlotSpec(sum)!;
    expect((spec.data as { values: unknown[] }).values).toHaveLength(4);
    expect(await renderCommunicationSvg(sum)).toMatch(/^<svg/);
  });
});

describe('erasure feedback scenarios', () => {
  const problems = (d: unknown) => {
    const r = erasureScenarioSchema.safeParse(d);
    return r.success ? [] : fromZodIssues(r.error.issues, d).map((i) => `${i.path.join('.')}: ${i.message}`);
  };

  it("refuses nack_erase over a lossy uplink, a 'delay' uplink, and delayed links under a feedback learner", () => {
    expect(problems({ ...doc, feedbackLink: { eps: 0.5 } })).toEqual([
      "algorithms.4.params.feedback: 'nack_erase' needs a reliable uplink (silence is read as delivery); remove 'feedbackLink' or pick beacon, ack_success or all",
    ]);
    expect(problems({ ...doc, feedbackLink: { eps: 0.5, channel: { type: 'delay', delay: { type: 'fixed', rounds: 1 } } } })[0]).toMatch(/^feedbackLink.channel.type: a feedback link cannot be 'delay'/);
    const delayed = { ...doc, agents: { list: [{ eps: 0.1, channel: { type: 'delay', delay: { type: 'fixed', rounds: 2 } } }] } };
    expect(problems(delayed)[0]).toMatch(/^agents.list.0.channel.type: algorithm 'sp2-feedback' relies on feedback heard in the round of delivery/);
    expect(problems({ ...doc, algorithms: [{ name: 'tpg', params: { feedback: 'none' } }] })[0]).toMatch(/^algorithms.0.params.feedback/);
  });

  it("adaptive accepts feedback 'none' (meanRange only there) and still refuses delayed links", () => {
    const blind = { name: 'adaptive', params: { feedback: 'none', meanRange: 2 } };
    expect(problems({ ...doc, algorithms: [blind] })).toEqual([]);
    expect(problems({ ...doc, algorithms: [{ name: 'adaptive', params: { meanRange: 2 } }] })).toEqual(["algorithms.0.params.meanRange: 'meanRange' is used only without feedback (feedback: none)"]);
    const delayed = { ...doc, algorithms: [blind], agents: { list: [{ eps: 0.1, channel: { type: 'delay', delay: { type: 'fixed', rounds: 2 } } }] } };
    expect(problems(delayed)[0]).toMatch(/^agents.list.0.channel.type: algorithm 'adaptive' relies on counting repetitions from the round a command is sent/);
  });
});
