"""ros2 launch fleet_bandits multistage.launch.py scenario:=FILE: a job tree: source, one stage per internal node, one leaf per service, monitor."""
# Arguments: scenario, algorithm, seed, run, horizon, round_period, use_sim_time, namespace, record,
# record_output, start_delay, start_time, params_file (see fleet_bandits_plan.ARGUMENTS). The node
# list comes from `fleet-bandits plan`, so this file never changes when the plan does. The
# topic contract a real service must follow to answer for a leaf is in the README (multi-stage nodes).
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fleet_bandits_plan import generate  # noqa: E402 - found through the line above


def generate_launch_description():
    return generate(family='multistage', default_scenario='sim/scenarios/tree-quick.yaml')
