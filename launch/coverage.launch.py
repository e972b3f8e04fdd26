"""ros2 launch fleet_bandits coverage.launch.py scenario:=FILE: graph bandits: a planner moving N robots over a graph of sites, the robots and a monitor."""
# Arguments: scenario, algorithm, seed, run, horizon, round_period, use_sim_time, namespace, record,
# record_output, start_delay, start_time, params_file (see fleet_bandits_plan.ARGUMENTS), and
# adapter (graph_step | pose_goal | nav2 | px4 | crazyflie), simulate_robots (kinematic_robot nodes;
# false on Gazebo, Crazyswarm2 or hardware), simulate_environment (false: no environment node, a site_sensor per robot reads
# sensor_topic/sensor_type/sensor_field with sensor_reducer over dwell seconds). The node list
# comes from `fleet-bandits plan`, so this file never changes when the plan does. Example, Nav2
# robots in Gazebo: adapter:=nav2 simulate_robots:=false use_sim_time:=true; real sonar readings:
# simulate_environment:=false sensor_type:=sensor_msgs/msg/Range sensor_field:=range; Crazyflies
# under Crazyswarm2 (its sim backend or hardware): adapter:=crazyflie simulate_robots:=false
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fleet_bandits_plan import generate  # noqa: E402 - found through the line above


def generate_launch_description():
    return generate(family='coverage', default_scenario='sim/scenarios/coverage-quick.yaml')
