/**
 * The visualization_msgs/MarkerArray of a coverage mission, for RViz and Foxglove (frame `map`):
 * - `sites`: a sphere per site, coloured by the planner's estimated mean (blue low, red high over
 *   the sampled sites' range; grey while unsampled), sized by the robots allocated to it;
 * - `edges`: the graph's edges as one line list;
 * - `targets`: the allocation's robot count as text above each site that gets robots;
 * - `goals`: an arrow from each robot to its episode goal;
 * - `paths`: each robot's last positions as a line strip;
 * - `robots`: a cylinder per robot at its reported pose.
 * The array starts with DELETEALL, so sites whose target drops to zero lose their label. Pure:
 * built from the latest GraphTopology, Allocation and RobotStates.
 */
import type { Allocation, GraphTopology, RobotState } from '../../msg/definitions.generated.js';
import { defaultMessage } from '../../msg/defaultMessage.js';
import { MsgType, VisualizationMsgsMarker as M, type GeometryMsgsPoint, type StdMsgsColorRGBA, type StdMsgsHeader, type VisualizationMsgsMarker } from '../../msg/definitions.generated.js';

/** Robots' goal when the planner has none (Allocation.robot_goals). */
const NO_GOAL = 0xffffffff;

export interface MarkerInputs {
  header: StdMsgsHeader;
  graph: GraphTopology;
  allocation: Allocation | null;
  /** Latest state per robot (undefined before the first). */
  states: readonly (RobotState | undefined)[];
  /** Recent positions per robot, oldest first. */
  trails: readonly (readonly GeometryMsgsPoint[])[];
}

/** A colour per robot, evenly spaced hues. */
export function robotColor(i: number, n: number): StdMsgsColorRGBA {
  const h = (i / Math.max(1, n)) * 6;
  const x = 1 - Math.abs((h % 2) - 1);
  const [r, g, b] = h < 1 ? [1, x, 0] : h < 2 ? [x, 1, 0] : h < 3 ? [0, 1, x] : h < 4 ? [0, x, 1] : h < 5 ? [x, 0, 1] : [1, 0, x];
  return { r, g, b, a: 1 };
}

/** Blue (t = 0) to red (t = 1) through purple. */
function meanColor(t: number): StdMsgsColorRGBA {
  const u = Math.min(1, Math.max(0, t));
  return { r: 0.15 + 0.85 * u, g: 0.2, b: 1 - 0.85 * u, a: 0.9 };
}

const GREY: StdMsgsColorRGBA = { r: 0.6, g: 0.6, b: 0.6, a: 0.8 };
const IDENTITY = { x: 0, y: 0, z: 0, w: 1 };

function marker(header: StdMsgsHeader, ns: string, id: number, type: number, fields: Partial<VisualizationMsgsMarker>): VisualizationMsgsMarker {
  return { ...defaultMessage(MsgType.VisualizationMsgsMarker), header, ns, id, type, action: M.ADD, ...fields };
}

/** The size of the drawing: a site sphere's base diameter, from the layout's extent. */
export function siteDiameter(points: readonly GeometryMsgsPoint[]): number {
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  for (const p of points) {
    minX = Math.min(minX, p.x);
    maxX = Math.max(maxX, p.x);
    minY = Math.min(minY, p.y);
    maxY = Math.max(maxY, p.y);
  }
  const extent = points.length > 0 ? Math.hypot(maxX - minX, maxY - minY) : 1;
  return Math.max(0.2, 0.025 * extent);
}

export function siteMarkers({ header, graph, allocation, states, trails }: MarkerInputs): VisualizationMsgsMarker[] {
  const out: VisualizationMsgsMarker[] = [{ ...marker(header, '', 0, M.CUBE, {}), action: M.DELETEALL }];
  const K = graph.positions.length;
  const d = siteDiameter(graph.positions);
  const ready = allocation !== null && allocation.means.length === K;
  let lo = Infinity;
  let hi = -Infinity;
  if (ready) {
    for (let k = 0; k < K; k++) {
      if (allocation.sample_counts[k] > 0) {
        lo = Math.min(lo, allocation.means[k]);
        hi = Math.max(hi, allocation.means[k]);
      }
    }
  }
  for (let k = 0; k < K; k++) {
    const p = graph.positions[k];
    const target = ready ? allocation.target_counts[k] : 0;
    const sampled = ready && allocation.sample_counts[k] > 0;
    const size = d * (1 + 0.5 * target);
    const color = sampled ? meanColor(hi > lo ? (allocation.means[k] - lo) / (hi - lo) : 0.5) : GREY;
    out.push(marker(header, 'sites', k, M.SPHERE, { pose: { position: { ...p }, orientation: IDENTITY }, scale: { x: size, y: size, z: size }, color }));
    if (target > 0) {
      const text = `${graph.node_labels[k] ?? k}: ${target}`;
      out.push(marker(header, 'targets', k, M.TEXT_VIEW_FACING, { pose: { position: { x: p.x, y: p.y, z: p.z + size }, orientation: IDENTITY }, scale: { x: 0, y: 0, z: d }, color: { r: 1, g: 1, b: 1, a: 1 }, text }));
    }
  }
  const points: GeometryMsgsPoint[] = [];
  for (const e of graph.edges) {
    if (e.source < K && e.target < K) points.push({ ...graph.positions[e.source] }, { ...graph.positions[e.target] });
  }
  out.push(marker(header, 'edges', 0, M.LINE_LIST, { pose: { position: { x: 0, y: 0, z: 0 }, orientation: IDENTITY }, scale: { x: 0.15 * d, y: 0, z: 0 }, color: { r: 0.7, g: 0.7, b: 0.7, a: 0.6 }, points }));
  const N = states.length;
  for (let i = 0; i < N; i++) {
    const st = states[i];
    const color = robotColor(i, N);
    const trail = trails[i] ?? [];
    if (trail.length >= 2) out.push(marker(header, 'paths', i, M.LINE_STRIP, { pose: { position: { x: 0, y: 0, z: 0 }, orientation: IDENTITY }, scale: { x: 0.2 * d, y: 0, z: 0 }, color, points: trail.map((q) => ({ ...q })) }));
    if (st === undefined) continue;
    const at = st.pose.position;
    out.push(marker(header, 'robots', i, M.CYLINDER, { pose: { position: { x: at.x, y: at.y, z: at.z + 0.5 * d }, orientation: IDENTITY }, scale: { x: 0.6 * d, y: 0.6 * d, z: d }, color }));
    const goal = ready ? allocation.robot_goals[i] : NO_GOAL;
    if (goal !== undefined && goal !== NO_GOAL && goal < K) {
      const g = graph.positions[goal];
      out.push(marker(header, 'goals', i, M.ARROW, { pose: { position: { x: 0, y: 0, z: 0 }, orientation: IDENTITY }, scale: { x: 0.1 * d, y: 0.25 * d, z: 0.3 * d }, color: { ...color, a: 0.6 }, points: [{ ...at }, { ...g }] }));
    }
  }
  return out;
}
