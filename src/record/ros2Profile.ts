/** Names the MCAP `ros2` profile fixes (mcap spec profiles/ros2.md, rosbag2_storage_mcap). */

/** Header profile of a ROS 2 bag. */
export const ROS2_PROFILE = 'ros2';
/** Schema encoding: the "complete message definition" text of a ROS 2 .msg type. */
export const ROS2MSG_SCHEMA_ENCODING = 'ros2msg';
/** Message encoding: CDR with the 4-byte encapsulation header, as rmw publishes it. */
export const CDR_MESSAGE_ENCODING = 'cdr';
/** Channel metadata key rosbag2 reads to rebuild publishers' QoS on playback. */
export const OFFERED_QOS_KEY = 'offered_qos_profiles';
/** Header `library` of files we write. */
export const BAG_LIBRARY = 'fleet-bandits';
