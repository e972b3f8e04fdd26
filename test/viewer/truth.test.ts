// The viewer's ground truth and its axes: allocation value and regret as the monitors count them, the truth of coverage and erasure runs from their scenarios, its round trip through a recording's metadata (validated), the regret plot's axes (horizon as the x domain, never a 0/0/0 axis), and sphere sizes that keep dense graphs apart.
import { describe, expect, it } from 'vitest';
import type { TruthView } from '../../src/nodes/bridge/protocol.js';
import { allocationRegret, allocationValue, bestArm, countsByArm, countsByNode, truthProblem } from '../../src/nodes/bridge/truth.js';
import { loadScenario } from '../../src/experiments/scenario/loadScenario.js';
import { coverageWorld } from '../../src/experiments/coverage/CoverageWorld.js';
import type { CoverageScenario } from '../../src/experiments/coverage/schema.js';
import { planNodes } from '../../src/nodes/plan.js';
import { groundTruthOf, runInfoFromMetadata, runInfoMetadata, runInfoOf } from '../../src/viewer/server/runInfo.js';
import { formatTick, plotAxes } from '../../src/viewer/web/hud/RegretPlot.js';
import { nearestNeighbourQuantile } from '../../src/viewer/web/GraphLayout.js';
import { siteRadiusFor } from '../../src/viewer/web/layers/GraphLayer.js';

const arms: TruthView = { unit: 'arm', means: [0.2, 0.9, 0.5], optimal: [0, 4, 0], optimalValue: 3.6 };

describe('allocation value and regret', () => {
  it('arms: each playing agent loses best - mean, idle agents nothing', () => {
    expect(bestArm(arms)).toBe(1);
    expect(allocationRegret(arms, arms.optimal)).toBe(0);
    const counts = countsByArm([1, 0, -1, 2], 3); // agent 2 idles
    expect(Array.from(counts)).toEqual([1, 1, 1]);
    expect(allocationRegret(arms, counts)).toBeCloseTo(0.7 + 0.4, 12);
    expect(allocationValue(arms, counts)).toBeCloseTo(1.6, 12);
    expect(Array.from(countsByArm([7, 0], 3))).toEqual([1, 0, 0]); // unknown arms ignored
  });

  it('sites: OPT - sum f_k(c_k) mu_k with the concave weights', () => {
    const t: TruthView = { unit: 'site', means: [1, 0.5], optimal: [1, 1], optimalValue: 1.5, weights: { maxCount: 2, rows: [0, 0], table: [0, 1, 1.5] } };
    expect(allocationValue(t, [2, 0])).toBe(1.5);
    expect(allocationRegret(t, [2, 0])).toBe(0);
    expect(allocationRegret(t, [0, 2])).toBe(0.75);
    expect(Array.from(countsByNode([1, 0, 9], [2, 1, 5], 2))).toEqual([1, 2]);
  });

  it('validates a truth from outside', () => {
    expect(truthProblem(arms)).toBeNull();
    expect(truthProblem({ ...arms, unit: 'x' })).toMatch(/unit/);
    expect(truthProblem({ ...arms, means: [0.1, NaN, 1] })).toMatch(/means/);
    expect(truthProblem({ ...arms, optimal: [1] })).toMatch(/optimal/);
    expect(truthProblem({ unit: 'site', means: [1], optimal: [1], optimalValue: 1, weights: { maxCount: 2, rows: [3], table: [0, 1, 2] } })).toMatch(/rows/);
  });
});

describe('ground truth of a run', () => {
  it('coverage: the world the monitor scores (means, OPT, an optimal allocation of N robots)', () => {
    const { scenario } = loadScenario('sim/scenarios/coverage-quick.yaml');
    const truth = groundTruthOf(scenario, 0)!;
    const world = coverageWorld(scenario as CoverageScenario);
    expect(truth.unit).toBe('site');
    expect(truth.means).toEqual(Array.from(world.means));
    expect(truth.optimalValue).toBe(world.opt);
    expect(truth.optimal.reduce((a, b) => a + b, 0)).toBe(world.robots);
    expect(allocationRegret(truth, truth.optimal)).toBeCloseTo(0, 9);
    expect(truthProblem(JSON.parse(JSON.stringify(truth)))).toBeNull();
  });

  it('erasure: the arm means of the run, every agent on the best arm', () => {
    const { scenario } = loadScenario('sim/scenarios/erasure-quick.yaml');
    const plan = planNodes(scenario, 'sim/scenarios/erasure-quick.yaml', {});
    const info = runInfoOf(plan, scenario);
    expect(info.horizon).toBe(plan.horizon);
    const t = info.truth!;
    expect(t.unit).toBe('arm');
    const best = bestArm(t);
    expect(t.optimal[best]).toBeGreaterThan(0);
    expect(t.optimalValue).toBeCloseTo(t.optimal[best] * t.means[best], 12);
  });

  it('families without a usable truth say so', () => {
    const { scenario } = loadScenario('sim/scenarios/dag-quick.yaml');
    expect(groundTruthOf(scenario, 0)).toBeNull();
  });

  it('round-trips through run metadata; missing or malformed truth leaves a note', () => {
    const info = { scenario: 's', family: 'erasure', algorithm: 'a', horizon: 300, truth: arms, truthNote: '' };
    const back = runInfoFromMetadata({ scenario: 's', family: 'erasure', algorithm: 'a', horizon: '300', ...runInfoMetadata(info) });
    expect(back.truth).toEqual(arms);
    expect(back.horizon).toBe(300);
    expect(runInfoFromMetadata({ horizon: '300' }).truthNote).toMatch(/carries no ground truth/);
    expect(runInfoFromMetadata(undefined).truthNote).toMatch(/no run metadata/);
    expect(runInfoFromMetadata({ ground_truth: '{' }).truthNote).toMatch(/not valid JSON/);
    expect(runInfoFromMetadata({ ground_truth: '{"unit":"arm"}' }).truthNote).toMatch(/malformed: means/);
  });
});

describe('regret plot axes', () => {
  it('takes the horizon as the x domain and ends on it', () => {
    const a = plotAxes(1, 0, 300);
    expect(a.xRight).toBe(300);
    expect(a.xTicks).toEqual([0, 100, 200, 300]);
    expect(plotAxes(10, 5, 6000).xTicks.at(-1)).toBe(6000);
    // A run started over past the horizon: the data decides.
    expect(plotAxes(700, 5, 300).xRight).toBeGreaterThanOrEqual(700);
  });

  it('never shows a degenerate y axis (regret still 0, or no data)', () => {
    const a = plotAxes(1, 0, null);
    expect(a.yTop).toBe(1);
    expect(formatTick(a.yStep)).not.toBe('0');
    expect(formatTick(0.0025)).toBe('0.0025');
    expect(formatTick(1500)).toBe('1.5k');
  });
});

describe('dense graphs', () => {
  it('sizes spheres by the nearest-neighbour distance, so close sites stay apart', () => {
    // 100 sites in two tight clusters: the median edge says little about crowding.
    const pos: number[] = [];
    for (let i = 0; i < 100; i++) pos.push((i % 2) * 80 + (i % 10) * 0.5, Math.floor(i / 10) * 0.5, 0);
    const nearest = nearestNeighbourQuantile(pos, 100, 0.1);
    expect(nearest).toBeCloseTo(0.5, 9);
    const r = siteRadiusFor(20, nearest);
    expect(2 * r).toBeLessThan(nearest);
    expect(siteRadiusFor(20, 1000)).toBeCloseTo(2.8, 9); // sparse: the edge length decides
    expect(siteRadiusFor(20, 0)).toBeCloseTo(2.8, 9); // coincident sites do not shrink everything
    expect(siteRadiusFor(0.1, 0.01)).toBe(0.12);
  });
});
