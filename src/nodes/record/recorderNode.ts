/**
 * `recorder`: writes every message of the listed topics to a ROS 2 bag (MCAP), like
 * `ros2 bag record`, from inside the package (no rosbag2 install needed; the bag plays with
 * `ros2 bag play` and opens in Foxglove).
 *
 * A node program cannot introspect the graph, so it is told what to record:
 * - `topics` entries `NAME` or `NAME:pkg/msg/Type`; names resolve in this node's namespace;
 * - with the run's parameters (`scenario`, `algorithm`, `seed`, ...: what `fleet-bandits plan`
 *   gives every node) it finds the run's topics, types and offered QoS itself (`planTopics`),
 *   and an empty `topics` then means every topic of the run.
 * On shutdown it completes the file; the returned promise resolves when the bag is closed.
 */
import { scenarioFromFile } from '../runContext.js';
import type { ProgramTable } from '../executables.js';
import type { NodeProgram } from '../NodeProgram.js';
import { planNodes } from '../plan.js';
import { announceReady, SYNC_START } from '../RunStart.js';
import { createBagFile } from '../../record/node/createBagFile.js';
import type { NodeHandle } from '../../runtime/NodeHandle.js';
import { planTopics } from './planTopics.js';
import { Recorder, RUN_METADATA_NAME, type RecorderTopic } from './Recorder.js';

/** The recorder program; `programs` builds the run's other nodes to find their topics. */
export function recorderProgram(programs: ProgramTable): NodeProgram {
  return (node) => recorderNode(node, programs);
}

function recorderNode(node: NodeHandle, programs: ProgramTable): ReturnType<NodeProgram> {
  const output = node.declareParameter({ name: 'output', type: 'string', default: '', description: 'recording path: FILE.mcap (bare MCAP file) or a bag directory (rosbag2 layout with metadata.yaml)', readOnly: true }) as string;
  const entries = node.declareParameter({ name: 'topics', type: 'string_array', default: [], description: "topics to record, 'NAME' or 'NAME:pkg/msg/Type' (names resolve in this node's namespace); empty = every topic of the run's plan", readOnly: true }) as string[];
  const run = declareRunParameters(node);
  if (output === '') throw new Error(`parameter 'output' is required: a FILE.mcap or bag directory path [node=${node.fullyQualifiedName}]`);

  const topics = resolveTopics(node, entries, run, programs);
  const bag = createBagFile(output);
  if (run.scenario !== '') {
    bag.writer.addMetadata(RUN_METADATA_NAME, Object.fromEntries(Object.entries(run).map(([k, v]) => [k, String(v)])));
  }
  const recorder = new Recorder(node, bag.writer, topics);
  // With a synchronized start the run waits for the recorder too: the bag holds round 0.
  if (run.start_time === SYNC_START) announceReady(node);
  node.logger.info(`recording ${recorder.topics.length} topics to ${bag.mcapPath}`);
  return {
    shutdown(): Promise<void> {
      recorder.close();
      return bag.close().then(
        (s) => node.logger.info(`recorded ${s.messageCount} messages on ${s.topics.length} topics to ${bag.mcapPath}${recorder.dropped > 0 ? `; ${recorder.dropped} dropped` : ''}`),
        (error: Error) => node.logger.error(`recording ${bag.mcapPath} is incomplete: ${error.message}`),
      );
    },
  };
}

interface RunParameters {
  scenario: string;
  algorithm: string;
  seed: number;
  run: number;
  horizon: number;
  round_period: number;
  start_time: number;
}

/** The run parameters every node of a plan gets (as `declareRunContext` declares them), all optional here. */
function declareRunParameters(node: NodeHandle): RunParameters {
  return {
    scenario: node.declareParameter({ name: 'scenario', type: 'string', default: '', description: "scenario YAML file of the run ('' = record only topics given with their type)", readOnly: true }) as string,
    algorithm: node.declareParameter({ name: 'algorithm', type: 'string', default: '', description: "algorithm name or label ('' = the first)", readOnly: true }) as string,
    seed: node.declareParameter({ name: 'seed', type: 'integer', default: -1, description: "root seed (-1 = the scenario's)", range: { min: -1, max: Number.MAX_SAFE_INTEGER }, readOnly: true }) as number,
    run: node.declareParameter({ name: 'run', type: 'integer', default: 0, description: 'run index', range: { min: 0, max: 1e9 }, readOnly: true }) as number,
    horizon: node.declareParameter({ name: 'horizon', type: 'integer', default: 0, description: "rounds or steps (0 = the scenario's)", range: { min: 0, max: 1e9 }, readOnly: true }) as number,
    round_period: node.declareParameter({ name: 'round_period', type: 'double', default: 0.1, description: 'length of one round or step (seconds of node time)', range: { min: 1e-6, max: 3600 }, readOnly: true }) as number,
    start_time: node.declareParameter({ name: 'start_time', type: 'double', default: 0.1, description: `node time at which round 0 starts (seconds), or ${SYNC_START} (synchronized start)`, range: { min: SYNC_START, max: 1e12 }, readOnly: true }) as number,
  };
}

/** `/regret` and `regret` name the same topic of a plan (launched at the root namespace). */
const relative = (name: string) => name.replace(/^\/+/, '');

function resolveTopics(node: NodeHandle, entries: readonly string[], run: RunParameters, programs: ProgramTable): RecorderTopic[] {
  let known: RecorderTopic[] = [];
  if (run.scenario !== '') {
    const plan = planNodes(scenarioFromFile(run.scenario), run.scenario, {
      algorithm: run.algorithm || undefined,
      seed: run.seed >= 0 ? run.seed : undefined,
      run: run.run,
      horizon: run.horizon > 0 ? run.horizon : undefined,
      roundPeriod: run.round_period,
      startTime: run.start_time,
    });
    const found = planTopics(plan, programs);
    for (const s of found.skipped) node.logger.warn(`topics of node ${s.node} are unknown (it did not build: ${s.reason})`);
    // Relative names, so a namespace pushed on the whole launch applies to the recorder too.
    known = found.topics.map((t) => ({ ...t, name: relative(t.name) }));
  }
  if (entries.length === 0) {
    if (known.length === 0) {
      throw new Error(`parameter 'topics' is empty and no 'scenario' is set: give topics as 'NAME:pkg/msg/Type' or the run's parameters [node=${node.fullyQualifiedName}]`);
    }
    return known;
  }
  return entries.map((entry) => {
    const colon = entry.indexOf(':');
    const name = colon < 0 ? entry.trim() : entry.slice(0, colon).trim();
    const type = colon < 0 ? undefined : entry.slice(colon + 1).trim();
    const match = known.find((t) => t.name === relative(name));
    if (type !== undefined && type !== '') return { name, type, offeredQos: match && match.type === type ? match.offeredQos : [] };
    if (!match) {
      throw new Error(
        `parameter 'topics': cannot tell the type of '${name}'; write it as '${name}:pkg/msg/Type'` +
          (known.length > 0 ? ` or use a topic of the run: ${known.map((t) => t.name).join(', ')}` : " or set the run's 'scenario' parameter") +
          ` [node=${node.fullyQualifiedName}]`,
      );
    }
    return { ...match, name };
  });
}
