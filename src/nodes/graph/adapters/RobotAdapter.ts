/**
 * How a graph robot moves, behind one interface so the robot node stays the same whether it
 * steps on the graph (`graph_step`), drives a pose controller (`pose_goal`) or a Nav2 stack
 * (`nav2`). The robot node asks `onStepStart()` at phase 0 of every step (where am I: on a site,
 * or in transit) and calls `command()` at phase 0.75 with the step's waypoint, if one got through.
 */
import type { CoverageWorld } from '../../../experiments/coverage/CoverageWorld.js';
import type { GeometryMsgsPose } from '../../../msg/definitions.generated.js';
import type { NodeHandle } from '../../../runtime/NodeHandle.js';
import type { DropCounter } from '../../DropCounter.js';

export const ADAPTER_NAMES = ['graph_step', 'pose_goal', 'nav2', 'px4', 'crazyflie'] as const;
export type AdapterName = (typeof ADAPTER_NAMES)[number];

export function isAdapterName(name: string): name is AdapterName {
  return (ADAPTER_NAMES as readonly string[]).includes(name);
}

/** Where the robot is at the start of a step. */
export interface RobotFix {
  /** The site it stands on, or, in transit, the site it is heading to. */
  site: number;
  /** Its last accepted waypoint. */
  target: number;
  /** Between sites: it samples nothing this step. */
  inTransit: boolean;
  /** Pose in the map frame (REP-105): measured when the adapter has odometry, else from the graph. */
  pose: GeometryMsgsPose;
}

export interface RobotAdapter {
  readonly name: AdapterName;
  /** Phase 0 of a step: where the robot is. */
  onStepStart(): RobotFix;
  /**
   * Phase 0.75: the step's waypoint, or null when none arrived (or the radio lost it). A waypoint
   * that is neither the robot's site nor a neighbour of it is refused (counted, logged) and the
   * previous target stays; then the robot acts on its target.
   */
  command(waypoint: number | null): void;
  /**
   * Injected faults (graph_step only): `hold` takes the step's waypoint like `command` but does
   * not move (a stuck robot); `forget` drops the waypoint (a crashed robot's lost memory).
   */
  hold?(waypoint: number | null): void;
  forget?(): void;
  /** A line for the node's shutdown summary, or null. */
  summary?(): string | null;
  /** The node is shutting down: what fails from now on (e.g. goals aborted by a stopping server) is expected. */
  stop?(): void;
  /** The mission's last step is over (e.g. a drone lands). */
  finish?(): void;
}

/** What every adapter gets from the robot node. */
export interface AdapterContext {
  node: NodeHandle;
  /** Robot index i. */
  id: number;
  world: CoverageWorld;
  /** Start site. */
  start: number;
  /** Site positions [x, y, z] in metres in the map frame (3 per site). */
  positions: Float64Array;
  /** Frame of goals and reported poses (`map`). */
  frameId: string;
  drops: DropCounter;
}

/** Parameters of the physical adapters (declared by the robot node). */
export interface PhysicalAdapterOptions {
  /** Metres: a robot this close to a site is on it. */
  arrivalTolerance: number;
  /** Seconds after which odometry counts as lost (0: never). */
  odomTimeout: number;
  /** Nav2: seconds to wait for the `navigate_to_pose` server before a goal counts as failed; Crazyflie: for a service and its answer. */
  serverTimeout: number;
  /** Nav2 only: behaviour tree XML file for the goal ('' = the navigator's default). */
  behaviorTree: string;
  /** PX4 only (see Px4Adapter). */
  px4?: Px4Options;
  /** Crazyflie only (see CrazyflieAdapter). */
  crazyflie?: CrazyflieOptions;
}

export interface CrazyflieOptions {
  /** The Crazyflie's name in Crazyswarm2 (its services and pose live under `/<name>/`). */
  name: string;
  /** Take-off height (map z, m). */
  takeoffHeight: number;
  /** Seconds the take-off (and the landing) should take. */
  takeoffDuration: number;
  /** Seconds from the take-off request by which the Crazyflie must be up, else a counted failure. */
  takeoffTimeout: number;
  /** Cruise speed (m/s): a go_to's duration is its distance over this. */
  flightSpeed: number;
  /** Where the pose comes from: `/<name>/pose`, or TF `world -> <name>` on /tf (Crazyswarm2's sim backend has only TF). */
  poseSource: 'pose' | 'tf';
}

export interface Px4Options {
  /** Hz of the OffboardControlMode heartbeat and TrajectorySetpoint stream (> 2). */
  heartbeatRate: number;
  /** Seconds between arm + offboard requests until the vehicle reports both. */
  commandRetry: number;
  /** Seconds after start by which the vehicle must be armed in offboard, else a counted failure. */
  offboardTimeout: number;
  /** MAVLink system id of the vehicle (PX4 instance + 1). */
  systemId: number;
  /** The vehicle's local NED origin in map coordinates (ENU, metres). */
  origin: { x: number; y: number; z: number };
}
