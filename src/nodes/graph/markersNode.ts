/**
 * `markers`: what RViz and Foxglove draw of a coverage mission. It reads the latched `graph`, the
 * planner's `allocation` and every robot's `state`, and at phase 0.6 of every `marker_period`-th
 * step (after the planner's decision) publishes `markers` (visualization_msgs/MarkerArray, see
 * siteMarkers) in `frame_id`. Robots' TF comes from the robot nodes themselves.
 */
import type { Allocation, GraphTopology, RobotState } from '../../msg/definitions.generated.js';
import { MsgType, type GeometryMsgsPoint, type VisualizationMsgsMarkerArray } from '../../msg/definitions.generated.js';
import { DEFAULT_QOS, LATCHED_QOS, TELEMETRY_QOS } from '../../runtime/Qos.js';
import type { NodeProgram } from '../NodeProgram.js';
import { declareRunContext } from '../runContext.js';
import { header } from '../stamp.js';
import { coverageWorldOf } from './coverageContext.js';
import { siteMarkers } from './siteMarkers.js';
import { ALLOCATION, GRAPH_TOPOLOGY, ROBOT_STATE, allocationTopic, graphTopic, robotStateTopic } from './topics.js';

export const MARKER_ARRAY = MsgType.VisualizationMsgsMarkerArray;
export const markersTopic = 'markers';
/** Phase at which markers are drawn: after the planner's decision (0.5). */
export const MARKER_PHASE = 0.6;

export const markersNode: NodeProgram = (node) => {
  const ctx = declareRunContext(node);
  const frameId = node.declareParameter({ name: 'frame_id', type: 'string', default: 'map', description: 'frame of the markers (the site coordinates)', readOnly: true }) as string;
  const period = node.declareParameter({ name: 'marker_period', type: 'integer', default: 1, description: 'steps between MarkerArrays', range: { min: 1, max: 1_000_000 } }) as number;
  const trail = node.declareParameter({ name: 'trail', type: 'integer', default: 50, description: "positions kept of each robot's path", range: { min: 0, max: 100_000 }, readOnly: true }) as number;
  const world = coverageWorldOf(ctx.scenario, node.fullyQualifiedName);
  const N = world.robots;
  const pub = node.createPublisher<VisualizationMsgsMarkerArray>(MARKER_ARRAY, markersTopic, DEFAULT_QOS);
  let graph: GraphTopology | null = null;
  let allocation: Allocation | null = null;
  const states: (RobotState | undefined)[] = new Array(N);
  const trails: GeometryMsgsPoint[][] = Array.from({ length: N }, () => []);

  node.createSubscription<GraphTopology>(GRAPH_TOPOLOGY, graphTopic, (g) => (graph = g), LATCHED_QOS);
  node.createSubscription<Allocation>(ALLOCATION, allocationTopic, (a) => (allocation = a), TELEMETRY_QOS);
  for (let i = 0; i < N; i++) {
    node.createSubscription<RobotState>(ROBOT_STATE, robotStateTopic(i), (st) => {
      if (st.robot_id !== i) return;
      states[i] = st;
      const path = trails[i];
      path.push({ ...st.pose.position });
      if (path.length > trail) path.splice(0, path.length - trail);
    }, TELEMETRY_QOS);
  }
  ctx.clock.every(node, MARKER_PHASE, (round) => {
    if (round >= ctx.scenario.horizon) return false;
    if (graph === null || round % period !== 0) return;
    pub.publish({ markers: siteMarkers({ header: header(node, frameId), graph, allocation, states, trails }) });
  });
};
