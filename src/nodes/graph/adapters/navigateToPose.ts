/**
 * nav2_msgs/action/NavigateToPose as plain objects (goal, feedback, result). There is no .msg
 * for it in our message layer: on ROS 2 rclnodejs builds the messages from the installed nav2_msgs,
 * embedded the goals stay plain objects. The result differs by distro (Humble: `std_msgs/Empty
 * result`; Jazzy: `error_code`, `error_msg`), so a goal's success is read from its status only.
 */
import type { BuiltinInterfacesDuration, GeometryMsgsPoseStamped } from '../../../msg/definitions.generated.js';

export const NAVIGATE_TO_POSE = 'nav2_msgs/action/NavigateToPose';
/** Relative: a robot's Nav2 stack serves `/<robot namespace>/navigate_to_pose`. */
export const NAVIGATE_TO_POSE_ACTION = 'navigate_to_pose';

export interface NavigateToPoseGoal {
  pose: GeometryMsgsPoseStamped;
  /** Behaviour tree XML file ('' = the navigator's default). */
  behavior_tree: string;
}

export interface NavigateToPoseFeedback {
  current_pose: GeometryMsgsPoseStamped;
  navigation_time: BuiltinInterfacesDuration;
  estimated_time_remaining: BuiltinInterfacesDuration;
  number_of_recoveries: number;
  distance_remaining: number;
}

/** Fields of either distro's result; both may be absent. */
export interface NavigateToPoseResult {
  error_code?: number;
  error_msg?: string;
}
