"""ros2 launch fleet_bandits bandit.launch.py scenario:=FILE: the single-agent bandit: learner, one agent and a monitor."""
# Arguments: scenario, algorithm, seed, run, horizon, round_period, use_sim_time, namespace, record,
# record_output, start_delay, start_time, params_file (see fleet_bandits_plan.ARGUMENTS). The node
# list comes from `fleet-bandits plan`, so this file never changes when the plan does.
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fleet_bandits_plan import generate  # noqa: E402 - found through the line above


def generate_launch_description():
    return generate(family='bandit', default_scenario='sim/scenarios/single-agent.yaml')
