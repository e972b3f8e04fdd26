/**
 * The run as the viewer shows it beside the topics: horizon, and the ground truth the simulator
 * knows (true means, an optimal allocation, OPT). `run --view` derives it from the scenario it
 * runs; `run --record` stores it in the recording's run metadata (key `ground_truth`, JSON) so
 * `view --replay` can show it too. Families without a truth the viewer can use (DAG, multi-stage)
 * and runs on real sensors get `truth: null` and a note saying why.
 */
import type { CoverageScenario } from '../../experiments/coverage/schema.js';
import { coverageWorld } from '../../experiments/coverage/CoverageWorld.js';
import type { ScenarioBase } from '../../experiments/Family.js';
import { runRng } from '../../experiments/runTask.js';
import type { RunInfoView, TruthView } from '../../nodes/bridge/protocol.js';
import { truthProblem } from '../../nodes/bridge/truth.js';
import type { NodePlan } from '../../nodes/plan.js';
import { isRoundFamily, roundFamilyOf } from '../../nodes/rounds/roundFamilies.js';

/** Key of the ground truth (JSON of a TruthView) in the run metadata record of a recording. */
export const GROUND_TRUTH_KEY = 'ground_truth';

/** Horizon and ground truth of an embedded run of `scenario` (with the run's overrides applied). */
export function runInfoOf(plan: NodePlan, scenario: ScenarioBase): RunInfoView {
  const base = { scenario: scenario.name, family: scenario.family, algorithm: plan.algorithm, horizon: plan.horizon };
  if (plan.nodes.some((n) => n.executable === 'monitor' && n.parameters.ground_truth === false)) {
    return { ...base, truth: null, truthNote: 'no ground truth: rewards come from real sensors' };
  }
  const truth = groundTruthOf(scenario, plan.run);
  return { ...base, truth, truthNote: truth ? 'from the scenario (the simulator\'s true means)' : `no ground-truth overlay for the ${scenario.family} family` };
}

/** True means, an optimal allocation and OPT of run `run` of `scenario`, or null for families without them. */
export function groundTruthOf(scenario: ScenarioBase, run: number): TruthView | null {
  if (scenario.family === 'coverage') {
    const w = coverageWorld(scenario as CoverageScenario);
    const stride = w.weights.maxCount + 1;
    let rowsOf = 0;
    for (const r of w.weights.rows) rowsOf = Math.max(rowsOf, r + 1);
    return {
      unit: 'site',
      means: Array.from(w.means),
      optimal: Array.from(w.optimalAllocation),
      optimalValue: w.opt,
      weights: { maxCount: w.weights.maxCount, rows: Array.from(w.weights.rows), table: Array.from(w.weights.values.subarray(0, rowsOf * stride)) },
    };
  }
  if (isRoundFamily(scenario.family)) {
    const family = roundFamilyOf(scenario);
    const means = Array.from(family.means(scenario, runRng(scenario.seed, run)));
    const agents = family.agents(scenario);
    let best = 0;
    for (let a = 1; a < means.length; a++) if (means[a] > means[best]) best = a;
    const optimal = means.map((_, a) => (a === best ? agents : 0));
    return { unit: 'arm', means, optimal, optimalValue: agents * means[best] };
  }
  return null;
}

/** The run metadata a recording stores for the viewer (merged into `fleet_bandits_run`). */
export function runInfoMetadata(info: RunInfoView): Record<string, string> {
  return info.truth ? { [GROUND_TRUTH_KEY]: JSON.stringify(info.truth) } : {};
}

/**
 * The run as a recording describes it: `fleet_bandits_run` metadata (scenario, family,
 * algorithm, horizon, ground_truth), validated; a malformed truth is dropped with a note.
 */
export function runInfoFromMetadata(meta: Readonly<Record<string, string>> | undefined): RunInfoView {
  if (!meta) return { scenario: '', family: '', algorithm: '', horizon: null, truth: null, truthNote: 'the recording has no run metadata, so no ground truth' };
  const horizon = Number(meta.horizon);
  const info: RunInfoView = {
    scenario: meta.scenario ?? '',
    family: meta.family ?? '',
    algorithm: meta.algorithm ?? '',
    horizon: Number.isInteger(horizon) && horizon > 0 ? horizon : null,
    truth: null,
    truthNote: 'the recording carries no ground truth (recorded before it was stored, or a family without one)',
  };
  const text = meta[GROUND_TRUTH_KEY];
  if (text === undefined) return info;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ...info, truthNote: "the recording's ground truth is not valid JSON" };
  }
  const problem = truthProblem(parsed);
  if (problem) return { ...info, truthNote: `the recording's ground truth is malformed: ${problem}` };
  return { ...info, truth: parsed as TruthView, truthNote: 'from the recording (the simulator\'s true means)' };
}
