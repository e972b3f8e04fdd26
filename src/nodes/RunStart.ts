/**
 * A run's start without a wall-clock guess: round 0's time is decided once every node of the plan
 * is up, and every node (also one started later) learns it from a latched topic.
 *
 * With `start_time` = SYNC_START (-1, what `ros2 launch` plans):
 * 1. every node publishes its fully qualified name on `run_ready` (std_msgs/msg/String, latched,
 *    relative: the topic of its own namespace);
 * 2. the run's coordinator (the plan's first node, the learner or planner: it is given the plan's
 *    node names, relative to the run's namespace, in `run_nodes`) listens on the `run_ready` of
 *    every namespace of the plan; once every listed node is up and the clock runs (with
 *    use_sim_time, /clock has arrived), it publishes round 0's node time, `lead` seconds ahead, on
 *    every namespace's `run_start` (builtin_interfaces/msg/Time, latched); after `ready_timeout`
 *    seconds without them it fails, naming the nodes that are missing;
 * 3. every node starts its RoundClock at the time it receives; a node that receives it late
 *    (restarted, slow to start) joins at the next round ahead, and its round callbacks are told how
 *    many rounds they missed.
 * With a `start_time` >= 0 (embedded runs, the container, nodes joining an explicit start) nothing
 * of this runs: the clock starts at that time.
 *
 * Other node families use it through `declareRunContext` (runContext.ts); a node that declares the
 * run parameters itself (the recorder) calls `announceReady`.
 */
import type { BuiltinInterfacesTime, StdMsgsString } from '../msg/definitions.generated.js';
import type { NodeHandle } from '../runtime/NodeHandle.js';
import type { QosProfile } from '../runtime/Qos.js';
import type { RoundClock } from './RoundClock.js';

/** `start_time` value that asks for a synchronized start. */
export const SYNC_START = -1;
export const RUN_READY_TOPIC = 'run_ready';
export const RUN_START_TOPIC = 'run_start';
export const RUN_READY_TYPE = 'std_msgs/msg/String';
export const RUN_START_TYPE = 'builtin_interfaces/msg/Time';

/**
 * Latched (late joiners get it) and deep: many nodes of one namespace announce at the same instant,
 * and a depth-1 reader would keep only the last of them.
 */
export const HANDSHAKE_QOS: QosProfile = { reliability: 'reliable', durability: 'transient_local', depth: 1000 };

/** Seconds between the decision and round 0 (at least two rounds): time for the start to reach every node. */
export const START_LEAD_SECONDS = 1;
/** How often (node time) the coordinator checks whether the run can start. */
const CHECK_PERIOD_SECONDS = 0.1;

/** Publishes this node's name on its namespace's latched `run_ready`. */
export function announceReady(node: NodeHandle): void {
  node.createPublisher<StdMsgsString>(RUN_READY_TYPE, RUN_READY_TOPIC, HANDSHAKE_QOS).publish({ data: node.fullyQualifiedName });
}

/** Starts `clock` at the first round-0 time received on `run_start`; a different later one is logged and ignored. */
export function followRunStart(node: NodeHandle, clock: RoundClock): void {
  node.createSubscription<BuiltinInterfacesTime>(RUN_START_TYPE, RUN_START_TOPIC, (t) => {
    const ns = timeToNs(t);
    if (!Number.isFinite(ns) || ns <= 0) return node.logger.warn(`ignored a run start at ${t.sec} s ${t.nanosec} ns: not a time`);
    if (!clock.started) {
      clock.start(ns);
      const ahead = (ns - node.now()) / 1e9;
      node.logger.info(`round 0 at node time ${(ns / 1e9).toFixed(3)} s (${ahead >= 0 ? `in ${ahead.toFixed(3)} s` : `${(-ahead).toFixed(3)} s ago: joining late`})`);
    } else if (clock.startNs !== ns) {
      node.logger.warn(`ignored a second run start (${(ns / 1e9).toFixed(3)} s); keeping ${(clock.startNs / 1e9).toFixed(3)} s`);
    }
  }, HANDSHAKE_QOS);
}

/** The namespace part of a plan-relative node name: 'agent_0/agent' -> 'agent_0', 'learner' -> ''. */
function namespaceOf(relative: string): string {
  const at = relative.lastIndexOf('/');
  return at < 0 ? '' : relative.slice(0, at);
}

function topicIn(namespace: string, topic: string): string {
  return namespace === '' ? topic : `${namespace}/${topic}`;
}

export interface CoordinatorOptions {
  /** Plan-relative names of every node of the run (this one included), e.g. 'learner', 'agent_0/agent'. */
  runNodes: readonly string[];
  /** Seconds of node time to wait for them. */
  timeoutSeconds: number;
  /** Round length (s): round 0 is at least two rounds ahead. */
  periodSeconds: number;
}

/**
 * The coordinator's part: waits for every node of `runNodes`, then publishes round 0's time on
 * every namespace's `run_start` and starts `clock`. It must sit at the run's root namespace.
 */
export function coordinateRunStart(node: NodeHandle, clock: RoundClock, options: CoordinatorOptions): void {
  const root = node.namespace === '/' ? '' : node.namespace;
  const expected = new Map(options.runNodes.map((rel) => [`${root}/${rel.replace(/^\/+/, '')}`, rel]));
  const up = new Set<string>([node.fullyQualifiedName]);
  const namespaces = [...new Set(options.runNodes.map(namespaceOf))];
  const starts = namespaces.map((ns) => node.createPublisher<BuiltinInterfacesTime>(RUN_START_TYPE, topicIn(ns, RUN_START_TOPIC), HANDSHAKE_QOS));
  for (const ns of namespaces) {
    node.createSubscription<StdMsgsString>(RUN_READY_TYPE, topicIn(ns, RUN_READY_TOPIC), (m) => {
      if (expected.has(m.data) && !up.has(m.data)) {
        up.add(m.data);
        node.logger.debug(`${m.data} is up (${up.size} of ${expected.size})`);
      }
    }, HANDSHAKE_QOS);
  }
  let firstCheckNs = -1;
  const timer = node.createTimer(CHECK_PERIOD_SECONDS, () => {
    const now = node.now();
    if (now <= 0) return; // use_sim_time before the first /clock message: no time to start at
    if (firstCheckNs < 0) firstCheckNs = now;
    const missing = [...expected.keys()].filter((n) => !up.has(n));
    if (missing.length === 0) {
      timer.cancel();
      const lead = Math.max(START_LEAD_SECONDS, 2 * options.periodSeconds);
      const startNs = now + Math.round(lead * 1e9);
      const msg = nsToTime(startNs);
      for (const pub of starts) pub.publish(msg);
      node.logger.info(`all ${expected.size} nodes of the run are up; round 0 at node time ${(startNs / 1e9).toFixed(3)} s`);
      clock.start(timeToNs(msg));
      return;
    }
    if (now - firstCheckNs >= options.timeoutSeconds * 1e9) {
      timer.cancel();
      throw new Error(
        `run start: after ${options.timeoutSeconds} s, ${missing.length} of ${expected.size} nodes of the run are not up: ${missing.join(', ')} ` +
          `(each announces itself on its namespace's ${RUN_READY_TOPIC}; check that every process started, ROS_DOMAIN_ID and the launch namespace)`,
      );
    }
  });
}

/** ns of node time -> builtin_interfaces/Time (rounded down to whole ns). */
export function nsToTime(ns: number): BuiltinInterfacesTime {
  let sec = Math.floor(ns / 1e9);
  let nanosec = Math.floor(ns - sec * 1e9);
  // Near today's epoch a double has ~256 ns steps: keep nanosec in [0, 1e9).
  if (nanosec < 0) [sec, nanosec] = [sec - 1, nanosec + 1e9];
  if (nanosec >= 1e9) [sec, nanosec] = [sec + 1, nanosec - 1e9];
  return { sec, nanosec };
}

export function timeToNs(t: BuiltinInterfacesTime): number {
  return t.sec * 1e9 + t.nanosec;
}
