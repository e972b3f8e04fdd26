/**
 * `px4`: flies a PX4 vehicle through the uXRCE-DDS bridge (topics in px4.ts, under the robot's
 * namespace). From the start it streams, at `heartbeat_rate`, the offboard heartbeat
 * (OffboardControlMode, position control) and a TrajectorySetpoint at the site it stands on or
 * heads to (map ENU -> local NED about `origin`, yaw left to PX4), and asks for offboard mode
 * (VehicleCommand DO_SET_MODE) and arming (COMPONENT_ARM_DISARM) every `command_retry` seconds
 * until VehicleStatus reports both. A vehicle not armed in offboard within `offboard_timeout` is a
 * counted failure ('offboard-refused', logged once); one that leaves offboard later is counted
 * ('offboard-lost'). Either way it is not following the mission, so once sent elsewhere it counts
 * as in transit and samples nothing; the other robots go on. Arrival comes from
 * VehicleLocalPosition (NED -> map): within `arrival_tolerance` of the site. Estimates flagged
 * invalid (xy_valid or z_valid false) are refused ('position-invalid'); without a valid one for
 * `odom_timeout` the robot counts as in transit (logged once), as with lost odometry.
 */
import { Px4MsgsVehicleCommand, Px4MsgsVehicleStatus, type Px4MsgsOffboardControlMode, type Px4MsgsTrajectorySetpoint, type Px4MsgsVehicleLocalPosition } from '../../../msg/definitions.generated.js';
import type { Publisher } from '../../../runtime/NodeHandle.js';
import type { Vec3 } from '../../kinematic/FirstOrderMotion.js';
import { PhysicalAdapter } from './PoseGoalAdapter.js';
import { enuToNed, nedToEnu, OFFBOARD_CONTROL_MODE, PX4_CUSTOM_MAIN_MODE_OFFBOARD, PX4_IN_QOS, PX4_OUT_QOS, PX4_TOPICS, px4Timestamp, TRAJECTORY_SETPOINT, VEHICLE_COMMAND, VEHICLE_LOCAL_POSITION, VEHICLE_STATUS } from './px4.js';
import type { AdapterContext, PhysicalAdapterOptions, Px4Options } from './RobotAdapter.js';

export const DEFAULT_PX4_OPTIONS: Omit<Px4Options, 'systemId' | 'origin'> = { heartbeatRate: 20, commandRetry: 0.5, offboardTimeout: 5 };

export class Px4Adapter extends PhysicalAdapter {
  readonly name = 'px4' as const;
  readonly #px4: Px4Options;
  readonly #heartbeat: Publisher<Px4MsgsOffboardControlMode>;
  readonly #setpoint: Publisher<Px4MsgsTrajectorySetpoint>;
  readonly #command: Publisher<Px4MsgsVehicleCommand>;
  readonly #startNs: number;
  #goal: Vec3;
  #armed = false;
  #offboard = false;
  #engagedOnce = false;
  #lastRequestNs = -Infinity;
  #requests = 0;
  #refused = false;
  #stopped = false;

  constructor(ctx: AdapterContext, options: PhysicalAdapterOptions) {
    super(ctx, options, false);
    const px4 = options.px4;
    if (px4 === undefined) throw new Error('the px4 adapter needs its PX4 options');
    this.#px4 = px4;
    this.#startNs = this.node.now();
    this.#goal = this.#sitePoint(ctx.start);
    this.#heartbeat = this.node.createPublisher<Px4MsgsOffboardControlMode>(OFFBOARD_CONTROL_MODE, PX4_TOPICS.offboardControlMode, PX4_IN_QOS);
    this.#setpoint = this.node.createPublisher<Px4MsgsTrajectorySetpoint>(TRAJECTORY_SETPOINT, PX4_TOPICS.trajectorySetpoint, PX4_IN_QOS);
    this.#command = this.node.createPublisher<Px4MsgsVehicleCommand>(VEHICLE_COMMAND, PX4_TOPICS.vehicleCommand, PX4_IN_QOS);
    this.node.createSubscription<Px4MsgsVehicleLocalPosition>(VEHICLE_LOCAL_POSITION, PX4_TOPICS.localPosition, (m) => this.#position(m), PX4_OUT_QOS);
    this.node.createSubscription<Px4MsgsVehicleStatus>(VEHICLE_STATUS, PX4_TOPICS.status, (m) => this.#status(m), PX4_OUT_QOS);
    this.node.createTimer(1 / px4.heartbeatRate, () => this.#tick());
  }

  protected override get poseSource(): string {
    return PX4_TOPICS.localPosition;
  }

  protected arrived(): boolean {
    return this.odomAt(this.site);
  }

  protected goTo(site: number): void {
    this.#goal = this.#sitePoint(site);
  }

  #sitePoint(site: number): Vec3 {
    const p = this.ctx.positions;
    return { x: p[3 * site], y: p[3 * site + 1], z: p[3 * site + 2] };
  }

  #position(m: Px4MsgsVehicleLocalPosition): void {
    if (!m.xy_valid || !m.z_valid) return this.ctx.drops.drop('position-invalid', `PX4 local position of robot ${this.ctx.id} flagged invalid (xy_valid ${m.xy_valid}, z_valid ${m.z_valid})`);
    const o = this.#px4.origin;
    const enu = nedToEnu({ x: m.x, y: m.y, z: m.z });
    const yaw = Number.isFinite(m.heading) ? Math.PI / 2 - m.heading : 0;
    const problem = this.odom.updatePose({ position: { x: o.x + enu.x, y: o.y + enu.y, z: o.z + enu.z }, orientation: { x: 0, y: 0, z: Math.sin(yaw / 2), w: Math.cos(yaw / 2) } }, this.node.now());
    if (problem !== null) this.ctx.drops.drop('bad-odometry', problem);
  }

  #status(m: Px4MsgsVehicleStatus): void {
    const systemId = this.#px4.systemId;
    if (m.system_id !== 0 && m.system_id !== systemId) return this.ctx.drops.drop('wrong-vehicle', `VehicleStatus of system ${m.system_id} on robot ${this.ctx.id}'s topic (expected ${systemId})`);
    const engaged = this.#armed && this.#offboard;
    this.#armed = m.arming_state === Px4MsgsVehicleStatus.ARMING_STATE_ARMED;
    this.#offboard = m.nav_state === Px4MsgsVehicleStatus.NAVIGATION_STATE_OFFBOARD;
    const now = this.#armed && this.#offboard;
    if (now) this.#engagedOnce = true;
    if (engaged && !now && !this.#stopped) {
      this.ctx.drops.drop('offboard-lost', `robot ${this.ctx.id}'s PX4 left offboard control (armed ${this.#armed}, nav_state ${m.nav_state}); asking again`);
    }
  }

  #tick(): void {
    if (this.#stopped) return;
    const nowNs = this.node.now();
    const timestamp = px4Timestamp(nowNs);
    this.#heartbeat.publish({ timestamp, position: true, velocity: false, acceleration: false, attitude: false, body_rate: false, thrust_and_torque: false, direct_actuator: false });
    const o = this.#px4.origin;
    const ned = enuToNed({ x: this.#goal.x - o.x, y: this.#goal.y - o.y, z: this.#goal.z - o.z });
    this.#setpoint.publish({ timestamp, position: [ned.x, ned.y, ned.z], velocity: [NaN, NaN, NaN], acceleration: [NaN, NaN, NaN], jerk: [NaN, NaN, NaN], yaw: NaN, yawspeed: NaN });
    if (this.#armed && this.#offboard) return;
    if ((nowNs - this.#lastRequestNs) / 1e9 >= this.#px4.commandRetry) {
      this.#lastRequestNs = nowNs;
      this.#requests++;
      this.#send(timestamp, Px4MsgsVehicleCommand.VEHICLE_CMD_DO_SET_MODE, 1, PX4_CUSTOM_MAIN_MODE_OFFBOARD);
      this.#send(timestamp, Px4MsgsVehicleCommand.VEHICLE_CMD_COMPONENT_ARM_DISARM, 1, 0);
    }
    if (!this.#refused && !this.#engagedOnce && (nowNs - this.#startNs) / 1e9 > this.#px4.offboardTimeout) {
      this.#refused = true;
      this.ctx.drops.drop('offboard-refused', `robot ${this.ctx.id}'s PX4 (system ${this.#px4.systemId}) is not armed in offboard mode after offboard_timeout = ${this.#px4.offboardTimeout} s (armed ${this.#armed}, offboard ${this.#offboard}): it does not follow the mission; still asking`);
    }
  }

  #send(timestamp: number, command: number, param1: number, param2: number): void {
    this.#command.publish({
      timestamp, param1, param2, param3: 0, param4: 0, param5: 0, param6: 0, param7: 0, command,
      target_system: this.#px4.systemId, target_component: 1, source_system: 1, source_component: 1, confirmation: 0, from_external: true,
    });
  }

  stop(): void {
    this.#stopped = true;
  }

  override summary(): string | null {
    const base = super.summary();
    const px4 = `PX4 ${this.#engagedOnce ? 'flew in offboard' : 'never entered offboard'} (${this.#requests} arm/offboard requests)`;
    return base === null ? px4 : `${px4}; ${base}`;
  }
}
