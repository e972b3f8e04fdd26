/** The robot adapter named by the robot node's `adapter` parameter. */
import { CrazyflieAdapter } from './CrazyflieAdapter.js';
import { GraphStepAdapter } from './GraphStepAdapter.js';
import { Nav2Adapter } from './Nav2Adapter.js';
import { PoseGoalAdapter } from './PoseGoalAdapter.js';
import { Px4Adapter } from './Px4Adapter.js';
import type { AdapterContext, AdapterName, PhysicalAdapterOptions, RobotAdapter } from './RobotAdapter.js';

export function createRobotAdapter(name: AdapterName, ctx: AdapterContext, options: PhysicalAdapterOptions): RobotAdapter {
  switch (name) {
    case 'graph_step':
      return new GraphStepAdapter(ctx);
    case 'pose_goal':
      return new PoseGoalAdapter(ctx, options);
    case 'nav2':
      return new Nav2Adapter(ctx, options);
    case 'px4':
      return new Px4Adapter(ctx, options);
    case 'crazyflie':
      return new CrazyflieAdapter(ctx, options);
  }
}
