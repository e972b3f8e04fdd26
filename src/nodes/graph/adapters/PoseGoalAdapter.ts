/**
 * `pose_goal`: drives any controller that takes `geometry_msgs/PoseStamped` goals on `goal_pose`
 * (Nav2's bt_navigator, a Gazebo or drone bridge, the kinematic simulator) and reports odometry
 * on `odom`. Both names are relative, so each robot's namespace gives it its own pair.
 *
 * A robot stands on a site while its odometry is within `arrival_tolerance` of the site's map
 * position; otherwise it is in transit (it samples nothing). When it stands on its site and its
 * target differs, it departs: the goal for the target is published and the target becomes the
 * site it is heading to. While it has not arrived, the goal is published again every step, so a
 * lost goal message (or a controller started late) costs one step, never the mission. Without
 * odometry (none yet, or none for `odom_timeout`) the robot counts as in transit.
 */
import type { GeometryMsgsPoseStamped, NavMsgsOdometry } from '../../../msg/definitions.generated.js';
import type { NodeHandle, Publisher } from '../../../runtime/NodeHandle.js';
import type { AdapterContext, PhysicalAdapterOptions, RobotAdapter, RobotFix } from './RobotAdapter.js';
import { GOAL_QOS, goalPose, ODOMETRY, ODOM_SUB_QOS, OdomFix, POSE_STAMPED, poseStamped, sitePose } from './poses.js';
import { WaypointGate } from './WaypointGate.js';

/** State shared by the physical adapters: the site the robot is on or heading to, and odometry. */
export abstract class PhysicalAdapter implements RobotAdapter {
  abstract readonly name: 'pose_goal' | 'nav2' | 'px4' | 'crazyflie';
  protected readonly node: NodeHandle;
  protected readonly ctx: AdapterContext;
  protected readonly options: PhysicalAdapterOptions;
  protected readonly odom: OdomFix;
  readonly #gate: WaypointGate;
  /** The site the robot stands on or is heading to. */
  protected site: number;
  /** The site it last stood on. */
  protected from: number;
  protected target: number;
  /** Steps reported in transit, and those for want of fresh odometry. */
  protected transitSteps = 0;
  protected blindSteps = 0;
  /** Kinds of blindness warned about: 'none yet', 'lost' (each once). */
  readonly #warned = new Set<string>();

  /** @param odometry subscribe to nav_msgs/Odometry on `odom` (false: the subclass feeds `odom` itself). */
  constructor(ctx: AdapterContext, options: PhysicalAdapterOptions, odometry = true) {
    this.ctx = ctx;
    this.node = ctx.node;
    this.options = options;
    this.odom = new OdomFix(options.odomTimeout);
    this.#gate = new WaypointGate(ctx.world.graph, ctx.id, ctx.drops);
    this.site = ctx.start;
    this.from = ctx.start;
    this.target = ctx.start;
    if (!odometry) return;
    this.node.createSubscription<NavMsgsOdometry>(ODOMETRY, 'odom', (m) => {
      const problem = this.odom.update(m, this.node.now());
      if (problem !== null) ctx.drops.drop('bad-odometry', problem);
    }, ODOM_SUB_QOS);
  }

  /** Where the pose comes from, for log lines. */
  protected get poseSource(): string {
    return 'odom';
  }

  /** Odometry within tolerance of `site`. */
  protected odomAt(site: number): boolean {
    return this.odom.distanceTo(this.ctx.positions, site, this.node.now()) <= this.options.arrivalTolerance;
  }

  /** Whether the robot stands on its site now (odometry, and for Nav2 also the goal's result). */
  protected abstract arrived(): boolean;

  /** Sends the robot towards `site` (a new target, or again the current one). */
  protected abstract goTo(site: number, departing: boolean): void;

  /** The measured pose, or the last site's while no fresh odometry exists. */
  protected pose(): RobotFix['pose'] {
    return this.odom.pose(this.node.now()) ?? sitePose(this.ctx.positions, this.from);
  }

  onStepStart(): RobotFix {
    const here = this.arrived();
    if (here) this.from = this.site;
    else {
      this.transitSteps++;
      if (this.odom.pose(this.node.now()) === null) this.#blind();
    }
    return { site: this.site, target: this.target, inTransit: !here, pose: this.pose() };
  }

  #blind(): void {
    this.blindSteps++;
    const kind = this.odom.ever ? 'lost' : 'none yet';
    if (this.#warned.has(kind)) return;
    this.#warned.add(kind);
    const why = this.odom.ever ? `no odometry for more than odom_timeout = ${this.options.odomTimeout} s` : 'no odometry yet';
    this.node.logger.warn(`${why} on '${this.poseSource}': robot ${this.ctx.id} counts as in transit until it arrives (warned once)`);
  }

  command(waypoint: number | null): void {
    const here = this.arrived();
    if (waypoint !== null && this.#gateAccepts(waypoint, here)) this.target = waypoint;
    if (here && this.target !== this.site) {
      this.from = this.site;
      this.site = this.target;
      this.goTo(this.site, true);
    } else if (!here) {
      this.goTo(this.site, false);
    }
  }

  #gateAccepts(waypoint: number, here: boolean): boolean {
    return this.#gate.accepts(this.site, waypoint, !here);
  }

  summary(): string | null {
    if (this.transitSteps === 0) return null;
    return `${this.transitSteps} steps in transit${this.blindSteps > 0 ? ` (${this.blindSteps} without fresh odometry)` : ''}`;
  }
}

export class PoseGoalAdapter extends PhysicalAdapter {
  readonly name = 'pose_goal' as const;
  readonly #goals: Publisher<GeometryMsgsPoseStamped>;

  constructor(ctx: AdapterContext, options: PhysicalAdapterOptions) {
    super(ctx, options);
    this.#goals = this.node.createPublisher<GeometryMsgsPoseStamped>(POSE_STAMPED, 'goal_pose', GOAL_QOS);
  }

  protected arrived(): boolean {
    return this.odomAt(this.site);
  }

  protected goTo(site: number): void {
    this.#goals.publish(poseStamped(this.node, this.ctx.frameId, goalPose(this.ctx.positions, this.from, site)));
  }
}
