/**
 * Starts a node plan on the embedded transport (all nodes in this process, virtual clock) and
 * runs it until the monitor reports the last round, the duration passes, or `stop()` is called
 * (Ctrl-C). The regret curve is read from the monitor's RegretReport topic, on the same grid as
 * `fleet-bandits sim`, so the summary has the same format and, for the same seed, the same numbers.
 */
import type { RunMetrics, ScenarioBase } from '../experiments/Family.js';
import { makeGrid } from '../experiments/grid.js';
import { settingOf } from '../experiments/settingOf.js';
import { summarizeAlgorithm, type ExperimentSummary } from '../experiments/summary.js';
import type { LinkStats, RegretReport } from '../msg/definitions.generated.js';
import type { LogSink } from '../runtime/Logger.js';
import { MemoryTransport, type MessageCodec, type RunOptions } from '../runtime/memory/MemoryTransport.js';
import type { NodeHandle } from '../runtime/NodeHandle.js';
import { TELEMETRY_QOS } from '../runtime/Qos.js';
import type { NodeInstance } from './NodeProgram.js';
import type { NodePlan } from './plan.js';
import { loadPrograms } from './executables.js';
import { LINK_STATS, REGRET_REPORT, linkStatsTopic, regretTopic } from './rounds/topics.js';

export interface EmbeddedRunOptions {
  /** CDR codec for strict mode (every message serialized and parsed). */
  codec?: MessageCodec;
  /** Pace virtual time at this multiple of wall-clock time. */
  realtime?: number;
  /** Stop after this many seconds of node time. */
  durationSeconds?: number;
  logSink?: LogSink;
  /** Extra nodes (viewer bridge, recorder) attached before the run starts; returns cleanup. */
  attach?: (transport: MemoryTransport) => Promise<(() => Promise<void> | void) | void> | (() => Promise<void> | void) | void;
  /** Runs the transport (default `transport.run(options)`); the viewer passes a paced version. */
  drive?: (transport: MemoryTransport, options: RunOptions) => Promise<void>;
  /** Called with every RegretReport (progress display). */
  onRegret?: (report: RegretReport) => void;
}

export interface EmbeddedRun {
  transport: MemoryTransport;
  /** Resolves when the run ended, with why and the summary of what ran. */
  done: Promise<EmbeddedResult>;
  /** Ends the run after the current event (Ctrl-C). */
  stop(): void;
}

export interface EmbeddedResult {
  summary: ExperimentSummary;
  stoppedBy: 'horizon' | 'duration' | 'stop';
  roundsCompleted: number;
}

/** The run totals `sim` reports for a family with links: commands sent and feedback bits. */
function linkTotals(links: Map<number, LinkStats>): RunMetrics {
  let transmissions = 0;
  let feedbackBits = 0;
  for (const m of links.values()) {
    transmissions += Number(m.sent);
    feedbackBits += Number(m.feedback_bits);
  }
  return { transmissions, feedbackBits };
}

export function startEmbedded(plan: NodePlan, scenario: ScenarioBase, options: EmbeddedRunOptions = {}): EmbeddedRun {
  const transport = new MemoryTransport({ codec: options.codec, logSink: options.logSink });
  const instances: { node: NodeHandle; instance: NodeInstance | void }[] = [];
  let stopRequested = false;
  const done = (async (): Promise<EmbeddedResult> => {
    const programs = await loadPrograms(plan.nodes.map((spec) => spec.executable));
    for (const spec of plan.nodes) {
      const node = transport.createNode(spec.name, { namespace: spec.namespace, parameterOverrides: spec.parameters, remappings: spec.remappings });
      instances.push({ node, instance: programs(spec.executable)(node) });
    }
    const grid = makeGrid(plan.horizon, scenario.grid.points, scenario.grid.spacing);
    const curve = new Float64Array(grid.length);
    let g = 0;
    let rounds = 0;
    const supervisor = transport.createNode('run_supervisor');
    supervisor.createSubscription<RegretReport>(REGRET_REPORT, `/${regretTopic}`, (r) => {
      rounds = r.round + 1;
      while (g < grid.length && grid[g] === rounds) curve[g++] = r.cumulative_regret;
      options.onRegret?.(r);
    }, TELEMETRY_QOS);
    // Communication counters (families with a link node): the latest LinkStats of every link.
    const links = new Map<number, LinkStats>();
    // Only when there is a link node: a subscription alone would add a topic to recordings.
    if (plan.nodes.some((n) => n.executable === 'link')) {
      supervisor.createSubscription<LinkStats>(LINK_STATS, `/${linkStatsTopic}`, (m) => void links.set(m.agent_id, m), TELEMETRY_QOS);
    }
    const detach = await options.attach?.(transport);

    const untilNs = options.durationSeconds !== undefined ? Math.round(options.durationSeconds * 1e9) : Infinity;
    const drive = options.drive ?? ((t: MemoryTransport, o: RunOptions) => t.run(o));
    await drive(transport, { untilNs, realtimeFactor: options.realtime, shouldStop: () => stopRequested || rounds >= plan.horizon });
    // The run stops on the event that delivered the last report to the supervisor; finish that
    // instant (and nothing later) so every other subscriber (viewer, recorder) gets it too.
    if (!stopRequested) await transport.run({ untilNs: transport.nowNs });
    for (const { instance } of instances) instance?.shutdown?.();
    if (detach) await detach();
    await transport.shutdown();

    const stoppedBy = rounds >= plan.horizon ? 'horizon' : stopRequested ? 'stop' : 'duration';
    const reached = grid.subarray(0, g);
    const label = scenario.algorithms.find((a) => (a.label ?? a.name) === plan.algorithm || a.name === plan.algorithm);
    const summary: ExperimentSummary = {
      scenario: scenario.name,
      setting: settingOf(scenario),
      horizon: stoppedBy === 'horizon' ? plan.horizon : rounds,
      runs: 1,
      seed: plan.seed,
      algorithms: g > 0 ? [summarizeAlgorithm(label?.label ?? label?.name ?? plan.algorithm, reached, [curve.subarray(0, g)], links.size > 0 ? [linkTotals(links)] : [], label?.name ?? plan.algorithm)] : [],
    };
    return { summary, stoppedBy, roundsCompleted: rounds };
  })();
  return {
    transport,
    done,
    stop() {
      stopRequested = true;
      transport.stop();
    },
  };
}
