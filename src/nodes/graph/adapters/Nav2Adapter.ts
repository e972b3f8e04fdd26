/**
 * `nav2`: sends `nav2_msgs/action/NavigateToPose` goals to the robot's own Nav2 stack on the
 * relative action `navigate_to_pose` (so `/robot_<i>/navigate_to_pose` under its namespace).
 *
 * A robot stands on its site once the goal for that site SUCCEEDED, or while odometry (if any
 * arrives on `odom`) puts it within `arrival_tolerance` of the site. When it departs, the goal in
 * flight (if any) is canceled and a goal for the new site is sent. A goal that fails (no server
 * within `server_timeout`, rejected, aborted, canceled by someone else) is counted, logged once
 * per kind, and sent again at the next step while the robot has not arrived. Nothing here blocks:
 * the action calls run in the background and their outcome is read at the next step.
 */
import type { GeometryMsgsPose } from '../../../msg/definitions.generated.js';
import type { ActionClient, ClientGoalHandle } from '../../../runtime/NodeHandle.js';
import { NAVIGATE_TO_POSE, NAVIGATE_TO_POSE_ACTION, type NavigateToPoseFeedback, type NavigateToPoseGoal, type NavigateToPoseResult } from './navigateToPose.js';
import { PhysicalAdapter } from './PoseGoalAdapter.js';
import { goalPose, poseStamped, sitePose } from './poses.js';
import type { AdapterContext, PhysicalAdapterOptions, RobotFix } from './RobotAdapter.js';

interface NavGoal {
  site: number;
  /** Where to go, fixed when the goal is made (the robot's last site may change meanwhile). */
  pose: GeometryMsgsPose;
  state: 'sending' | 'active' | 'succeeded' | 'failed';
  handle: ClientGoalHandle<NavigateToPoseResult> | null;
  /** A newer goal replaced it: its cancellation and failure are expected. */
  superseded: boolean;
}

export class Nav2Adapter extends PhysicalAdapter {
  readonly name = 'nav2' as const;
  readonly #client: ActionClient<NavigateToPoseGoal, NavigateToPoseResult, NavigateToPoseFeedback>;
  #goal: NavGoal | null = null;
  #feedbackPose: GeometryMsgsPose | null = null;
  #sent = 0;
  #failed = 0;
  #stopped = false;

  constructor(ctx: AdapterContext, options: PhysicalAdapterOptions) {
    super(ctx, options);
    this.#client = this.node.createActionClient<NavigateToPoseGoal, NavigateToPoseResult, NavigateToPoseFeedback>(NAVIGATE_TO_POSE, NAVIGATE_TO_POSE_ACTION);
  }

  protected arrived(): boolean {
    const g = this.#goal;
    return (g !== null && g.site === this.site && g.state === 'succeeded') || this.odomAt(this.site);
  }

  protected override pose(): RobotFix['pose'] {
    return this.odom.pose(this.node.now()) ?? this.#feedbackPose ?? sitePose(this.ctx.positions, this.from);
  }

  protected goTo(site: number, departing: boolean): void {
    const current = this.#goal;
    const inFlight = current !== null && (current.state === 'sending' || current.state === 'active');
    // Still on its way to this site: let the goal run.
    if (!departing && inFlight && current.site === site) return;
    if (inFlight) this.#supersede(current);
    const goal: NavGoal = { site, pose: goalPose(this.ctx.positions, this.from, site), state: 'sending', handle: null, superseded: false };
    this.#goal = goal;
    this.#sent++;
    void this.#run(goal);
  }

  #supersede(goal: NavGoal): void {
    goal.superseded = true;
    // A goal still being sent is canceled as soon as it is accepted (in #run).
    if (goal.handle !== null) this.#cancel(goal.handle);
  }

  #cancel(handle: ClientGoalHandle<NavigateToPoseResult>): void {
    handle.cancel().then(
      (agreed) => {
        if (!agreed) this.node.logger.debug(`Nav2 refused to cancel goal ${handle.goalId} (it may have finished)`);
      },
      (err: unknown) => this.node.logger.warn(`canceling NavigateToPose goal ${handle.goalId} failed: ${err instanceof Error ? err.message : String(err)}`),
    );
  }

  async #run(goal: NavGoal): Promise<void> {
    try {
      if (!this.#client.isServerAvailable() && !(await this.#client.waitForServer(this.options.serverTimeout))) {
        goal.state = 'failed';
        return this.#fail(goal, `no NavigateToPose server on '${this.#client.name}' within server_timeout = ${this.options.serverTimeout} s`);
      }
      const request: NavigateToPoseGoal = { pose: poseStamped(this.node, this.ctx.frameId, goal.pose), behavior_tree: this.options.behaviorTree };
      const handle = await this.#client.sendGoal(request, (feedback) => {
        if (this.#goal === goal) this.#feedbackPose = feedback.current_pose?.pose ?? null;
      });
      goal.handle = handle;
      if (!handle.accepted) {
        goal.state = 'failed';
        return this.#fail(goal, 'rejected by the server');
      }
      goal.state = 'active';
      if (goal.superseded) this.#cancel(handle);
      const outcome = await handle.result();
      goal.state = outcome.status === 'succeeded' ? 'succeeded' : 'failed';
      if (goal.state === 'failed') this.#fail(goal, `ended ${outcome.status}${outcome.result?.error_msg ? ` (${outcome.result.error_msg})` : ''}`);
    } catch (err) {
      goal.state = 'failed';
      this.#fail(goal, err instanceof Error ? err.message : String(err));
    }
  }

  stop(): void {
    this.#stopped = true;
  }

  #fail(goal: NavGoal, why: string): void {
    if (goal.superseded || this.#stopped) return;
    this.#failed++;
    const label = this.ctx.world.graph.ids[goal.site] ?? String(goal.site);
    this.ctx.drops.drop('failed-goal', `NavigateToPose goal of robot ${this.ctx.id} for site '${label}' ${why}; it is sent again next step`);
  }

  override summary(): string | null {
    const base = super.summary();
    const goals = `${this.#sent} NavigateToPose goals sent${this.#failed > 0 ? `, ${this.#failed} failed` : ''}`;
    return base === null ? goals : `${goals}; ${base}`;
  }
}
