/**
 * `robot`: one graph-traversing robot (namespace `robot_<i>`). At phase 0 of every step it
 * publishes its RobotState (site, target, pose in the map frame); at phase 0.75 it takes the
 * step's WaypointCommand, if one arrived and survived the simulated radio loss
 * (`links.waypointErasure`, stream `link/<i>`), and moves one edge towards it with the
 * `graph_step` adapter (arrive at the next site in one step, or after the edge's travel time).
 * A waypoint that is not its site or a neighbour is refused: counted and logged, and the robot
 * keeps its previous target. A lost waypoint likewise leaves the previous target in force.
 */
import { GraphRobotMotion } from '../../envs/sites/GraphRobotMotion.js';
import { RobotState, type WaypointCommand } from '../../msg/definitions.generated.js';
import { COMMAND_QOS, TELEMETRY_QOS } from '../../runtime/Qos.js';
import { DropCounter } from '../DropCounter.js';
import type { NodeProgram } from '../NodeProgram.js';
import { declareRunContext } from '../runContext.js';
import { header } from '../stamp.js';
import { coverageWorldOf, sitePositions, startSites } from './coverageContext.js';
import { ROBOT_STATE, WAYPOINT_COMMAND } from './topics.js';

const ADAPTERS = ['graph_step'] as const;

export const robotNode: NodeProgram = (node) => {
  const ctx = declareRunContext(node);
  const id = node.declareParameter({ name: 'robot_id', type: 'integer', default: 0, description: "this robot's index i in [0, N)", range: { min: 0, max: 100_000 }, readOnly: true }) as number;
  const adapter = node.declareParameter({ name: 'adapter', type: 'string', default: 'graph_step', description: `how the robot moves: ${ADAPTERS.join(', ')}`, readOnly: true }) as string;
  const frameId = node.declareParameter({ name: 'frame_id', type: 'string', default: 'map', description: 'frame of site coordinates and poses (REP-105)', readOnly: true }) as string;
  if (!(ADAPTERS as readonly string[]).includes(adapter)) throw new Error(`parameter 'adapter' is '${adapter}'; known: ${ADAPTERS.join(', ')} [node=${node.fullyQualifiedName}]`);
  const world = coverageWorldOf(ctx.scenario, node.fullyQualifiedName);
  if (id >= world.robots) throw new Error(`parameter 'robot_id' is ${id} but the scenario has ${world.robots} robots (0..${world.robots - 1}) [node=${node.fullyQualifiedName}]`);
  const horizon = ctx.scenario.horizon;
  const drops = new DropCounter(node.logger);
  const start = startSites(world, ctx.rng)[id];
  const motion = new GraphRobotMotion(world.graph, [start], {
    travel: world.travel,
    onRefusal: (message) => drops.drop('refused-waypoint', message.replace(/^robot 0 /, `robot ${id} `)),
  });
  const link = world.erasure > 0 ? ctx.rng.stream(`link/${id}`) : null;
  const positions = sitePositions(world);
  let pending: WaypointCommand | null = null;
  let lost = 0;

  const statePub = node.createPublisher<RobotState>(ROBOT_STATE, 'state', TELEMETRY_QOS);
  node.createSubscription<WaypointCommand>(WAYPOINT_COMMAND, 'waypoint', (cmd) => {
    if (cmd.robot_id !== id) return drops.drop('wrong-robot', `waypoint for robot ${cmd.robot_id}`);
    if (pending !== null && cmd.step < pending.step) return drops.drop('stale', `waypoint of step ${cmd.step} after one of step ${pending.step}`);
    pending = cmd;
  }, COMMAND_QOS);

  const pose = () => {
    const to = motion.site[0];
    const from = motion.from[0];
    const progress = motion.inTransit[0] ? (motion.duration[0] - motion.remaining[0]) / motion.duration[0] : 1;
    const p = (k: number, axis: number) => positions[3 * k + axis];
    const lerp = (axis: number) => p(from, axis) + (p(to, axis) - p(from, axis)) * progress;
    return { position: { x: lerp(0), y: lerp(1), z: lerp(2) }, orientation: { x: 0, y: 0, z: 0, w: 1 } };
  };

  ctx.clock.every(node, 0, (round) => {
    if (round >= horizon) return false;
    statePub.publish({
      header: header(node, frameId),
      robot_id: id,
      current_node: motion.site[0],
      target_node: motion.target[0],
      goal_node: pending?.target_node ?? motion.target[0],
      pose: pose(),
      phase: motion.inTransit[0] ? RobotState.PHASE_IN_TRANSIT : RobotState.PHASE_IDLE,
      step: round,
    });
  });
  ctx.clock.every(node, 0.75, (round) => {
    if (round >= horizon) return false;
    // One loss draw per step whether or not a command came, exactly as the simulator draws.
    const delivered = link === null || !link.bernoulli(world.erasure);
    if (!delivered) lost++;
    const cmd: WaypointCommand | null = pending;
    if (cmd !== null && cmd.step === round && delivered) motion.receive(0, cmd.target_node);
    pending = null;
    motion.advance();
  });
  return {
    shutdown() {
      if (drops.total > 0 || lost > 0) node.logger.info(`${lost} waypoints lost on the radio${drops.total > 0 ? `; dropped ${drops.summary()}` : ''}`);
    },
  };
};
