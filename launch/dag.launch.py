"""ros2 launch fleet_bandits dag.launch.py scenario:=FILE: consecutive play on a DAG: one player per vertex (each sees its parents' actions), an environment drawing the shared reward, a monitor."""
# Arguments: scenario, algorithm, seed, run, horizon, round_period, use_sim_time, namespace, record,
# record_output, start_delay, start_time, params_file (see fleet_bandits_plan.ARGUMENTS). The node
# list comes from `fleet-bandits plan`, so this file never changes when the plan does.
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fleet_bandits_plan import generate  # noqa: E402 - found through the line above


def generate_launch_description():
    return generate(family='dag', default_scenario='sim/scenarios/dag-quick.yaml')
