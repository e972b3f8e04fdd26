/**
 * `crazyflie`: flies a Crazyflie through Crazyswarm2's crazyflie_server (names in crazyflie.ts).
 * At start it asks `/<name>/takeoff` for `takeoff_height` over `takeoff_duration` (waiting up to
 * `server_timeout` for the service and for its answer); the Crazyflie is up once its pose is at
 * the take-off point: within `arrival_tolerance` horizontally and, so that one on the ground never
 * counts as flying, within min(`arrival_tolerance`, half the take-off height) vertically. Then
 * every departure sends one `go_to` (absolute, map/world ENU, yaw 0, duration = distance /
 * `flight_speed`), sent again only if the call failed; the robot stands on a site while its pose
 * is at (in the same sense) the site's flight point (the site's altitude from the field, else the
 * take-off height). Until its first departure a robot over its start site (on the ground or
 * climbing) is on it, as graph_step has it. After the last step it lands (`/<name>/land`), as it
 * does when the node shuts down first.
 *
 * With `cf_pose_source: tf` the pose is read from /tf (`world -> <name>`) instead of the pose
 * topic: Crazyswarm2's sim backend broadcasts only that.
 *
 * Failures are counted (drops, so /diagnostics shows them) and take the robot out of the mission:
 * it reports in transit from then on, samples nothing, and is sent nowhere; the others go on.
 * - 'takeoff-failed': no take-off service, or no answer, within `server_timeout`;
 * - 'takeoff-refused': answered, but not up `takeoff_timeout` s after the request;
 * - 'pose-lost': airborne and no pose for `odom_timeout` s (it is asked to land).
 * A failed go_to call is counted ('failed-goal') and sent again next step.
 */
import { MsgType, type CrazyflieInterfacesGoToRequest, type CrazyflieInterfacesLandRequest, type CrazyflieInterfacesTakeoffRequest, type GeometryMsgsPose, type Tf2MsgsTFMessage } from '../../../msg/definitions.generated.js';
import type { ServiceClient } from '../../../runtime/NodeHandle.js';
import type { Vec3 } from '../../kinematic/FirstOrderMotion.js';
import { CF_POSE_SUB_QOS, crazyflieNames, duration, GO_TO, LAND, TAKEOFF } from './crazyflie.js';
import { PhysicalAdapter } from './PoseGoalAdapter.js';
import { POSE_STAMPED } from './poses.js';
import { TF_QOS } from '../topics.js';
import type { AdapterContext, CrazyflieOptions, PhysicalAdapterOptions } from './RobotAdapter.js';

type Empty = Record<string, never>;
type State = 'taking_off' | 'climbing' | 'flying' | 'failed' | 'landing';

/** A go_to shorter than this would be a jump: the Crazyflie gets at least this long. */
const MIN_GO_TO_SECONDS = 0.1;

export const DEFAULT_CRAZYFLIE_OPTIONS: Omit<CrazyflieOptions, 'name' | 'takeoffHeight'> = { takeoffDuration: 2, takeoffTimeout: 5, flightSpeed: 0.5, poseSource: 'pose' };

export class CrazyflieAdapter extends PhysicalAdapter {
  readonly name = 'crazyflie' as const;
  readonly #cf: CrazyflieOptions;
  readonly #names: ReturnType<typeof crazyflieNames>;
  readonly #takeoff: ServiceClient<CrazyflieInterfacesTakeoffRequest, Empty>;
  readonly #goTo: ServiceClient<CrazyflieInterfacesGoToRequest, Empty>;
  readonly #land: ServiceClient<CrazyflieInterfacesLandRequest, Empty>;
  #state: State = 'taking_off';
  #requestNs: number;
  /** Left its start site once: from then on arrival is at flight points. */
  #departed = false;
  /** The site of the last go_to and how its call went. */
  #sent: { site: number; state: 'pending' | 'done' | 'failed' } | null = null;
  #goToCalls = 0;
  #goToFailed = 0;
  #failure: string | null = null;
  #stopped = false;

  constructor(ctx: AdapterContext, options: PhysicalAdapterOptions) {
    super(ctx, options, false);
    const cf = options.crazyflie;
    if (cf === undefined) throw new Error('the crazyflie adapter needs its Crazyflie options');
    this.#cf = cf;
    this.#names = crazyflieNames(cf.name);
    this.#takeoff = this.node.createServiceClient(TAKEOFF, this.#names.takeoff);
    this.#goTo = this.node.createServiceClient(GO_TO, this.#names.goTo);
    this.#land = this.node.createServiceClient(LAND, this.#names.land);
    if (cf.poseSource === 'tf') {
      this.node.createSubscription<Tf2MsgsTFMessage>(MsgType.Tf2MsgsTFMessage, '/tf', (m) => {
        for (const t of m.transforms) {
          if (t.child_frame_id === cf.name) this.#pose({ position: { ...t.transform.translation }, orientation: { ...t.transform.rotation } });
        }
      }, TF_QOS);
    } else {
      this.node.createSubscription<{ pose: GeometryMsgsPose }>(POSE_STAMPED, this.#names.pose, (m) => this.#pose(m.pose), CF_POSE_SUB_QOS);
    }
    this.#requestNs = this.node.now();
    void this.#takeOff();
  }

  protected override get poseSource(): string {
    return this.#cf.poseSource === 'tf' ? `/tf (${this.#cf.name})` : this.#names.pose;
  }

  /** Where the Crazyflie flies over `site`. */
  #flightPoint(site: number): Vec3 {
    const p = this.ctx.positions;
    return { x: p[3 * site], y: p[3 * site + 1], z: this.ctx.world.altitudes !== null ? p[3 * site + 2] : this.#cf.takeoffHeight };
  }

  /** Whether the fresh pose is at `to`: horizontally within the tolerance and, unless `horizontal`, vertically too. */
  #at(to: Vec3, horizontal = false): boolean {
    const pose = this.odom.pose(this.node.now());
    if (pose === null) return false;
    const p = pose.position;
    const tolerance = this.options.arrivalTolerance;
    if (Math.hypot(p.x - to.x, p.y - to.y) > tolerance) return false;
    return horizontal || Math.abs(p.z - to.z) <= Math.min(tolerance, 0.5 * this.#cf.takeoffHeight);
  }

  async #takeOff(): Promise<void> {
    const serverTimeout = this.options.serverTimeout;
    try {
      if (!this.#takeoff.isServiceAvailable() && !(await this.#takeoff.waitForService(serverTimeout))) {
        return this.#fail('takeoff-failed', `no take-off service '${this.#takeoff.name}' within server_timeout = ${serverTimeout} s`);
      }
      this.#requestNs = this.node.now();
      await this.#takeoff.call({ group_mask: 0, height: this.#cf.takeoffHeight, duration: duration(this.#cf.takeoffDuration) }, serverTimeout);
      if (this.#state !== 'taking_off') return;
      this.#state = 'climbing';
      this.#checkUp();
    } catch (err) {
      this.#fail('takeoff-failed', `take-off call to '${this.#takeoff.name}' failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  #pose(pose: GeometryMsgsPose): void {
    const problem = this.odom.updatePose(pose, this.node.now());
    if (problem !== null) return this.ctx.drops.drop('bad-odometry', `pose of Crazyflie '${this.#cf.name}': ${problem}`);
    this.#checkUp();
  }

  /** Climbing and at the take-off point: flying; off to its site if it was sent away meanwhile. */
  #checkUp(): void {
    if (this.#state !== 'climbing') return;
    const start = this.ctx.positions;
    const s = this.ctx.start;
    if (!this.#at({ x: start[3 * s], y: start[3 * s + 1], z: this.#cf.takeoffHeight })) return;
    this.#state = 'flying';
    this.node.logger.info(`Crazyflie '${this.#cf.name}' of robot ${this.ctx.id} is up at ${this.#cf.takeoffHeight} m`);
    if (this.#departed) this.#send(this.site);
  }

  /** Take-off deadline and pose loss, checked whenever the robot node asks where it is. */
  #watch(): void {
    const nowNs = this.node.now();
    if (this.#state === 'climbing' && (nowNs - this.#requestNs) / 1e9 > this.#cf.takeoffTimeout) {
      const z = this.odom.pose(nowNs)?.position.z;
      this.#fail('takeoff-refused', `robot ${this.ctx.id}'s Crazyflie '${this.#cf.name}' is not up at ${this.#cf.takeoffHeight} m takeoff_timeout = ${this.#cf.takeoffTimeout} s after the take-off request (${z === undefined ? 'no fresh pose' : `pose z ${z.toFixed(2)} m`})`);
    } else if (this.#state === 'flying' && this.odom.pose(nowNs) === null) {
      this.#fail('pose-lost', `no pose of robot ${this.ctx.id}'s Crazyflie on '${this.poseSource}' for more than odom_timeout = ${this.options.odomTimeout} s; asking it to land`);
    }
  }

  /** A counted failure that takes the robot out of the mission (logged once per kind by the drop counter). */
  #fail(reason: string, detail: string): void {
    if (this.#stopped || this.#state === 'failed') return;
    const airborne = this.#state !== 'taking_off';
    this.#state = 'failed';
    this.#failure = reason;
    this.ctx.drops.drop(reason, `${detail}: robot ${this.ctx.id} is out of the mission, the others go on`);
    if (airborne) this.#callLand();
  }

  protected arrived(): boolean {
    this.#watch();
    if (this.#state === 'failed') return false;
    if (!this.#departed) return this.#at(this.#flightPoint(this.ctx.start), true);
    return this.#at(this.#flightPoint(this.site));
  }

  protected goTo(site: number, departing: boolean): void {
    if (this.#state === 'failed' || this.#state === 'landing') return;
    if (departing) this.#departed = true;
    // Not up yet: #checkUp sends it once it is.
    if (this.#state !== 'flying') return;
    const last = this.#sent;
    if (!departing && last !== null && last.site === site && last.state !== 'failed') return;
    this.#send(site);
  }

  #send(site: number): void {
    const goal = this.#flightPoint(site);
    const here = this.odom.pose(this.node.now())?.position ?? this.#flightPoint(this.from);
    const seconds = Math.max(Math.hypot(goal.x - here.x, goal.y - here.y, goal.z - here.z) / this.#cf.flightSpeed, MIN_GO_TO_SECONDS);
    const sent: { site: number; state: 'pending' | 'done' | 'failed' } = { site, state: 'pending' };
    this.#sent = sent;
    this.#goToCalls++;
    this.#goTo.call({ group_mask: 0, relative: false, goal, yaw: 0, duration: duration(seconds) }, this.options.serverTimeout).then(
      () => {
        sent.state = 'done';
      },
      (err: unknown) => {
        sent.state = 'failed';
        if (this.#stopped || this.#state === 'failed') return;
        this.#goToFailed++;
        const label = this.ctx.world.graph.ids[site] ?? String(site);
        this.ctx.drops.drop('failed-goal', `go_to of robot ${this.ctx.id}'s Crazyflie for site '${label}' failed (${err instanceof Error ? err.message : String(err)}); sent again next step`);
      },
    );
  }

  #callLand(): void {
    const request = { group_mask: 0, height: 0, duration: duration(this.#cf.takeoffDuration) };
    this.#land.call(request, this.options.serverTimeout).then(
      () => this.node.logger.info(`Crazyflie '${this.#cf.name}' of robot ${this.ctx.id} is landing`),
      (err: unknown) => {
        if (!this.#stopped) this.ctx.drops.drop('land-failed', `landing call to '${this.#land.name}' failed: ${err instanceof Error ? err.message : String(err)}`);
      },
    );
  }

  finish(): void {
    if (this.#state !== 'flying' && this.#state !== 'climbing') return;
    this.#state = 'landing';
    this.#callLand();
  }

  /** Shutting down (Ctrl-C, the launch ending): a Crazyflie still in the air is asked to land. */
  stop(): void {
    const airborne = this.#state === 'flying' || this.#state === 'climbing';
    this.#stopped = true;
    if (airborne) {
      this.#state = 'landing';
      this.#callLand();
    }
  }

  override summary(): string | null {
    const base = super.summary();
    const how = this.#failure !== null ? `out of the mission (${this.#failure})` : this.#state === 'landing' ? 'flew and was asked to land' : this.#state === 'flying' ? 'flew' : `never got up (${this.#state})`;
    const cf = `Crazyflie '${this.#cf.name}' ${how}; ${this.#goToCalls} go_to calls${this.#goToFailed > 0 ? `, ${this.#goToFailed} failed` : ''}`;
    return base === null ? cf : `${cf}; ${base}`;
  }
}
