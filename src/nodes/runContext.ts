/**
 * Parameters every node of a seeded run declares (scenario file, algorithm, seed, run index,
 * horizon, round timing), and the run context built from them: the scenario with overrides
 * applied, the algorithm's index and the run's Rng, exactly as `fleet-bandits sim` derives them.
 */
import type { Rng } from '../core/random.js';
import type { ScenarioBase } from '../experiments/Family.js';
import { withOverrides } from '../experiments/runExperiment.js';
import { runRng } from '../experiments/runTask.js';
import { loadScenario } from '../experiments/scenario/loadScenario.js';
import type { NodeHandle } from '../runtime/NodeHandle.js';
import { RoundClock } from './RoundClock.js';
import { announceReady, coordinateRunStart, followRunStart, SYNC_START } from './RunStart.js';

const cache = new Map<string, ScenarioBase>();

/** Loads a scenario once per process (many embedded nodes share one file). */
export function scenarioFromFile(path: string): ScenarioBase {
  let s = cache.get(path);
  if (!s) {
    s = loadScenario(path).scenario;
    cache.set(path, s);
  }
  return s;
}

export interface RunContext {
  scenario: ScenarioBase;
  algorithmIndex: number;
  /** The run's Rng: `Rng(seed).stream('run/<run>')`. */
  rng: Rng;
  run: number;
  clock: RoundClock;
}

export function declareRunContext(node: NodeHandle): RunContext {
  const file = node.declareParameter({ name: 'scenario', type: 'string', default: '', description: 'scenario YAML file (path on this machine)', readOnly: true }) as string;
  const algorithm = node.declareParameter({ name: 'algorithm', type: 'string', default: '', description: "algorithm name or label from the scenario ('' = the first)", readOnly: true }) as string;
  const seed = node.declareParameter({ name: 'seed', type: 'integer', default: -1, description: "root seed (-1 = the scenario's)", range: { min: -1, max: Number.MAX_SAFE_INTEGER }, readOnly: true }) as number;
  const run = node.declareParameter({ name: 'run', type: 'integer', default: 0, description: 'run index: selects the run stream run/<run>', range: { min: 0, max: 1e9 }, readOnly: true }) as number;
  const horizon = node.declareParameter({ name: 'horizon', type: 'integer', default: 0, description: "rounds or steps (0 = the scenario's)", range: { min: 0, max: 1e9 }, readOnly: true }) as number;
  const period = node.declareParameter({ name: 'round_period', type: 'double', default: 0.1, description: 'length of one round or step (seconds of node time)', range: { min: 1e-6, max: 3600 }, readOnly: true }) as number;
  const start = node.declareParameter({ name: 'start_time', type: 'double', default: 0.1, description: `node time at which round 0 starts (seconds; the same on every node of a run), or ${SYNC_START}: once every node is up (run_start topic)`, range: { min: SYNC_START, max: 1e12 }, readOnly: true }) as number;
  const runNodes = node.declareParameter({ name: 'run_nodes', type: 'string_array', default: [], description: "with a synchronized start: the run's nodes (relative names) this coordinator waits for; [] = not the coordinator", readOnly: true }) as string[];
  const readyTimeout = node.declareParameter({ name: 'ready_timeout', type: 'double', default: 60, description: 'with a synchronized start: seconds the coordinator waits for every node before it fails', range: { min: 0.1, max: 86400 }, readOnly: true }) as number;
  if (file === '') throw new Error(`parameter 'scenario' is required: the path of a scenario YAML file [node=${node.fullyQualifiedName}]`);
  if (start < 0 && start !== SYNC_START) throw new Error(`parameter 'start_time' is ${start}: a node time >= 0, or ${SYNC_START} for a synchronized start [node=${node.fullyQualifiedName}]`);
  const { scenario, algorithmIndex } = runScenario(file, seed, horizon, algorithm);
  const clock = new RoundClock(start === SYNC_START ? undefined : start, period);
  if (start === SYNC_START) {
    // Announce once the program has created its subscriptions and the node spins (a timer runs
    // only then; with use_sim_time, once /clock runs).
    const announce = node.createTimer(0.01, () => {
      announce.cancel();
      announceReady(node);
    });
    followRunStart(node, clock);
    if (runNodes.length > 0) coordinateRunStart(node, clock, { runNodes, timeoutSeconds: readyTimeout, periodSeconds: period });
  }
  return { scenario, algorithmIndex, rng: runRng(scenario.seed, run), run, clock };
}

const runScenarios = new Map<string, { scenario: ScenarioBase; algorithmIndex: number }>();

/**
 * The scenario with a run's overrides, one object per distinct run in this process, so the
 * embedded nodes of a run share it and the families' per-scenario caches (the coverage world:
 * graph, means, OPT) are built once, not once per node.
 */
function runScenario(file: string, seed: number, horizon: number, algorithm: string): { scenario: ScenarioBase; algorithmIndex: number } {
  const key = JSON.stringify([file, seed, horizon, algorithm]);
  let entry = runScenarios.get(key);
  if (!entry) {
    const base = scenarioFromFile(file);
    const s = withOverrides(base, {
      seed: seed >= 0 ? seed : undefined,
      horizon: horizon > 0 ? horizon : undefined,
      algorithms: algorithm !== '' ? [algorithm] : undefined,
    });
    // The algorithm's index in the original list keeps streams and labels identical to `sim`.
    entry = { scenario: { ...s, algorithms: base.algorithms }, algorithmIndex: base.algorithms.indexOf(s.algorithms[0]) };
    runScenarios.set(key, entry);
  }
  return entry;
}
