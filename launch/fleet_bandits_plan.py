"""Builds the launch_ros Nodes of a fleet_bandits run from `fleet-bandits plan` (shared by the launch files).

The node plan (executables, names, namespaces, parameters, remappings) is written once, in
TypeScript, and printed as JSON by the CLI; this module only asks for it and translates it:

    plan = run_plan('/abs/scenario.yaml', start_time=None, algorithm='UCB1')
    actions = plan_actions(plan, namespace='fleet1', use_sim_time=False, record=True)

With no start_time (the default) the run starts in step without a wall-clock guess: the plan's
first node (learner or planner) waits until every node of the run has announced itself, then
publishes round 0's time on the latched `run_start` topic (src/nodes/RunStart.ts). An explicit
start_time (ROS time, s) joins nodes launched elsewhere. Launch-library imports happen inside the
functions that need them, so the pure parts can be used and tested with plain python3.
"""

import datetime
import json
import math
import os
import re
import shutil
import subprocess
import tempfile

PACKAGE = 'fleet_bandits'

# Launch arguments common to every family: name -> (default, description).
ARGUMENTS = {
    'algorithm': ('', "algorithm name or label from the scenario ('' = the first)"),
    'seed': ('', "root seed ('' = the scenario's)"),
    'run': ('', "run index, selects the run's random streams ('' = 0)"),
    'horizon': ('', "rounds or steps ('' = the scenario's)"),
    'round_period': ('', "seconds of ROS time per round or step ('' = 0.1)"),
    'use_sim_time': ('false', 'take node time from /clock (Gazebo): true or false'),
    'namespace': ('', "group namespace for every node, e.g. fleet1 ('' = none)"),
    'record': ('false', 'also run the recorder node (writes an MCAP bag): true or false'),
    'record_output': ('', "MCAP file of the recorder ('' = ./fleet_bandits_<family>_<time>.mcap)"),
    'start_time': ('', "ROS time (s) of round 0, to join nodes launched elsewhere ('' = once every node is up)"),
    'ready_timeout': ('60', 'seconds the learner/planner waits for every node of the run before it fails, naming the missing ones'),
    'params_file': ('', "extra ROS 2 params YAML for every node, e.g. config/params.example.yaml ('' = none)"),
    'log_level': ('', "rcl log level of every node (--ros-args --log-level): debug, info, warn, error or fatal ('' = info)"),
    'view': ('false', 'also run the viewer bridge and serve the browser viewer at http://view_host:view_port/: true or false'),
    'view_host': ('127.0.0.1', "interface of the viewer server ('0.0.0.0' = every interface)"),
    'view_port': ('8080', 'TCP port of the viewer server'),
}

LOG_LEVELS = ('debug', 'info', 'warn', 'error', 'fatal')

# Launch arguments of one family only: family -> name -> (default, description).
FAMILY_ARGUMENTS = {
    'coverage': {
        'adapter': ('', "how robots move: graph_step, pose_goal (goal_pose + odom), nav2 (navigate_to_pose), px4 (PX4 offboard, px4_msgs) or crazyflie (Crazyswarm2 take-off/go_to services, crazyflie_interfaces) ('' = graph_step)"),
        'simulate_robots': ('', "with pose_goal, nav2, px4 or crazyflie: also start a kinematic_robot per robot; false on Gazebo, Crazyswarm2 or hardware ('' = the scenario's field:, else true)"),
        'simulate_environment': ('', "simulated site rewards (environment node); false: a site_sensor per robot reads a real sensor ('' = the scenario's field:, else true)"),
        'sensor_topic': ('', "site_sensor: topic of the readings, relative to each robot's namespace ('' = sensor)"),
        'sensor_type': ('', "site_sensor: message type of the readings ('' = std_msgs/msg/Float64)"),
        'sensor_field': ('', "site_sensor: numeric field read, e.g. range ('' = data)"),
        'sensor_reducer': ('', "site_sensor: mean, max or last of the readings of a dwell ('' = mean)"),
        'dwell': ('', "site_sensor: seconds of readings per sample ('' = the whole window)"),
    },
}


def package_root():
    """share/fleet_bandits when installed, the source checkout otherwise (launch/ sits in both)."""
    return os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def cli_path(root=None):
    """The installed CLI, bin/fleet-bandits.js, next to this launch directory."""
    root = root or package_root()
    cli = os.path.join(root, 'bin', 'fleet-bandits.js')
    if os.path.isfile(cli):
        return cli
    try:
        from ament_index_python.packages import get_package_share_directory
        cli = os.path.join(get_package_share_directory(PACKAGE), 'bin', 'fleet-bandits.js')
        if os.path.isfile(cli):
            return cli
    except Exception:  # noqa: BLE001 - not installed through ament: fall through to the error
        pass
    raise RuntimeError(
        f'fleet_bandits: bin/fleet-bandits.js not found under {root}; build the package '
        "(npm ci && npm run build, then colcon build) and source install/setup.bash")


def node_binary():
    """Node.js to run the CLI with: $FLEET_BANDITS_NODE, else `node` on PATH."""
    node = os.environ.get('FLEET_BANDITS_NODE') or shutil.which('node')
    if not node:
        raise RuntimeError('fleet_bandits: Node.js (node >= 20.20.2) is not on PATH; install it or set FLEET_BANDITS_NODE')
    return node


def resolve_scenario(path, root=None):
    """An absolute scenario path: as given, relative to the working directory, the package, or sim/scenarios."""
    root = root or package_root()
    candidates = [path] if os.path.isabs(path) else [
        os.path.abspath(path),
        os.path.join(root, path),
        os.path.join(root, 'sim', 'scenarios', path),
    ]
    for c in candidates:
        if os.path.isfile(c):
            return os.path.abspath(c)
    raise RuntimeError(f"fleet_bandits: scenario '{path}' not found; tried: {', '.join(candidates)}")


def parse_bool(text, name='argument'):
    value = str(text).strip().lower()
    if value in ('true', '1', 'yes', 'on'):
        return True
    if value in ('false', '0', 'no', 'off', ''):
        return False
    raise RuntimeError(f"fleet_bandits: {name} must be true or false, found '{text}'")


def parse_optional_bool(text, name='argument'):
    """'' -> None (left to the scenario), else parse_bool: an explicit true must reach the CLI too."""
    return None if str(text).strip() == '' else parse_bool(text, name)


def parse_float(text, name, minimum=None):
    try:
        value = float(str(text).strip())
    except ValueError:
        value = float('nan')
    if not math.isfinite(value) or (minimum is not None and value < minimum):
        bound = f' >= {minimum:g}' if minimum is not None else ''
        raise RuntimeError(f"fleet_bandits: {name} must be a number{bound}, found '{text}'")
    return value


def plan_command(scenario, start_time=None, algorithm='', seed='', run='', horizon='', round_period='', adapter='',
                 simulate_robots=None, cli=None, node=None, simulate_environment=None, sensor_topic='', sensor_type='',
                 sensor_field='', sensor_reducer='', dwell=''):
    """The `fleet-bandits plan` command line (empty options are left to the CLI's defaults).

    start_time None plans a synchronized start (`--sync-start`); a number fixes round 0's ROS time.
    simulate_robots / simulate_environment None leave them to the scenario's `field:` section (else
    true); True or False is passed either way, so an explicit true overrides a field's false.
    """
    cmd = [node or node_binary(), cli or cli_path(), 'plan', scenario]
    cmd += ['--sync-start'] if start_time is None else ['--start-time', repr(float(start_time))]
    for flag, value in (('--algorithm', algorithm), ('--seed', seed), ('--run', run), ('--horizon', horizon),
                        ('--round-period', round_period), ('--adapter', adapter), ('--sensor-topic', sensor_topic),
                        ('--sensor-type', sensor_type), ('--sensor-field', sensor_field),
                        ('--sensor-reducer', sensor_reducer), ('--dwell', dwell)):
        if str(value) != '':
            cmd += [flag, str(value)]
    if simulate_robots is not None:
        cmd.append('--simulate-robots' if simulate_robots else '--no-simulate-robots')
    if simulate_environment is not None:
        cmd.append('--simulate-environment' if simulate_environment else '--no-simulate-environment')
    return cmd


def run_plan(scenario, start_time=None, **options):
    """Runs `fleet-bandits plan` and returns the plan (dict); raises RuntimeError with the CLI's message."""
    cmd = plan_command(scenario, start_time, **options)
    result = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise RuntimeError(f'fleet_bandits: `fleet-bandits plan` failed (exit {result.returncode}): '
                           f'{result.stderr.strip()}\ncommand: {" ".join(cmd)}')
    return json.loads(result.stdout)


def relative_namespace(ns):
    """'/agent_0' -> 'agent_0', '/' -> None: relative, so an enclosing PushRosNamespace applies."""
    return ns.strip('/') or None


# Parameter names as ROS 2 allows them (dots separate nested names).
_PARAMETER_NAME = re.compile(r'^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$')


def _yaml_scalar(value, where):
    if isinstance(value, bool):
        return 'true' if value else 'false'
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise RuntimeError(f'fleet_bandits: parameter {where} is {value}; ROS 2 parameters must be finite')
        return repr(value)  # always has '.' or 'e': rcl types it DOUBLE
    if isinstance(value, str):
        return json.dumps(value)  # double-quoted: rcl keeps it a string ("3", "true")
    raise RuntimeError(f'fleet_bandits: parameter {where} has unsupported type {type(value).__name__}')


def _yaml_value(value, where):
    if not isinstance(value, list):
        return _yaml_scalar(value, where)
    # rcl needs one element type: numbers mixing 1 and 0.5 are all written as doubles.
    if any(isinstance(v, float) for v in value) and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in value):
        value = [float(v) for v in value]
    return '[' + ', '.join(_yaml_scalar(v, where) for v in value) + ']'


def params_yaml(parameters):
    """A ROS 2 params file holding `parameters` under `/**`.

    Each file goes to ONE node's process (launch_ros passes it as --params-file), so `/**` reaches
    exactly that node whatever namespace is pushed around it, and every distro's rcl, rclcpp and
    rclnodejs apply `/**` (launch_ros's own dict handling keys by full node name, which rclnodejs
    2.2.0 ignored). Values are JSON scalars, which YAML reads with the types rcl gives them.
    """
    lines = ['/**:', '  ros__parameters:']
    for name, value in parameters.items():
        if not _PARAMETER_NAME.match(name):
            raise RuntimeError(f"fleet_bandits: '{name}' is not a valid ROS 2 parameter name")
        lines.append(f'    {name}: {_yaml_value(value, repr(name))}')
    return '\n'.join(lines) + '\n'


def write_params_file(parameters, directory=None):
    """Writes params_yaml(parameters) to a new file (in the temp directory, like launch_ros) and returns its path."""
    fd, path = tempfile.mkstemp(prefix='fleet_bandits_params_', suffix='.yaml', dir=directory)
    with os.fdopen(fd, 'w') as f:
        f.write(params_yaml(parameters))
    return path


def node_kwargs(spec, use_sim_time=False, params_file='', write=write_params_file, log_level=''):
    """launch_ros Node(...) arguments of one plan node. The plan's parameters file comes last, so it
    wins over the user's `/**` block (a user block for one node, e.g. `/**/learner`, still wins, as in rcl)."""
    parameters = [params_file] if params_file else []
    parameters.append(write({**spec['parameters'], 'use_sim_time': bool(use_sim_time)}))
    kwargs = {
        'package': PACKAGE,
        'executable': spec['executable'],
        'name': spec['name'],
        'namespace': relative_namespace(spec['namespace']),
        'parameters': parameters,
        'remappings': list(spec['remappings'].items()),
        'output': 'screen',
    }
    if log_level:
        kwargs['ros_arguments'] = ['--log-level', log_level]
    return kwargs


def end_of_run(spec, horizon):
    """What the launch does when a node of the run exits: the monitor exits after the last round, any
    other node only when it fails; either way the run cannot go on, so every node is shut down."""
    from launch.actions import Shutdown
    name = relative_namespace(spec['namespace'])
    who = f"{name}/{spec['name']}" if name else spec['name']
    if spec['executable'] == 'monitor':
        return [Shutdown(reason=f'the monitor ended the run ({horizon} rounds)')]
    return [Shutdown(reason=f'{who} exited before the end of the run')]


def bridge_kwargs(plan, host='127.0.0.1', port=8080, use_sim_time=False, write=write_params_file, log_level=''):
    """The viewer bridge node: subscribes to the run's topics and serves the viewer at http://host:port/."""
    count = lambda exe: sum(1 for n in plan['nodes'] if n['executable'] == exe)  # noqa: E731
    spec = {'executable': 'bridge', 'name': 'bridge', 'namespace': '/', 'remappings': {},
            'parameters': {'num_agents': count('agent'), 'num_robots': count('robot'), 'host': host, 'port': int(port)}}
    return node_kwargs(spec, use_sim_time, write=write, log_level=log_level)


# What every node of a run gets from the plan; the recorder uses them to find the run's topics.
RUN_PARAMETERS = ('scenario', 'algorithm', 'seed', 'run', 'horizon', 'round_period', 'start_time')


def recorder_kwargs(output, use_sim_time=False, run_parameters=None, write=write_params_file):
    """The recorder node: records every topic of the run (found from the run parameters) to `output`."""
    run = {k: v for k, v in (run_parameters or {}).items() if k in RUN_PARAMETERS}
    return {
        'package': PACKAGE,
        'executable': 'recorder',
        'name': 'recorder',
        'namespace': None,
        'parameters': [write({**run, 'output': output, 'use_sim_time': bool(use_sim_time)})],
        'output': 'screen',
    }


def default_record_output(family, now=datetime.datetime.now):
    return os.path.abspath(f'fleet_bandits_{family}_{now().strftime("%Y%m%d_%H%M%S")}.mcap')


def _push_namespace_class():
    # Jazzy renamed PushRosNamespace to PushROSNamespace (keeping the old name for a while).
    try:
        from launch_ros.actions import PushROSNamespace
        return PushROSNamespace
    except ImportError:
        from launch_ros.actions import PushRosNamespace
        return PushRosNamespace


def with_extra_run_nodes(specs, extra, ready_timeout=None):
    """The plan's nodes, with launch-added nodes (recorder, bridge) in the coordinator's `run_nodes`
    (so round 0 waits for them too) and its `ready_timeout`; unchanged for a fixed start."""
    specs = [dict(s, parameters=dict(s['parameters'])) for s in specs]
    if specs and 'run_nodes' in specs[0]['parameters']:
        first = specs[0]['parameters']
        first['run_nodes'] = list(first['run_nodes']) + [n for n in extra if n not in first['run_nodes']]
        if ready_timeout is not None:
            first['ready_timeout'] = float(ready_timeout)
    return specs


def plan_actions(plan, namespace='', use_sim_time=False, record=False, record_output='', params_file='',
                 ready_timeout=None, view=False, view_host='127.0.0.1', view_port=8080, log_level=''):
    """One GroupAction with every node of the plan (and the recorder, the viewer bridge), under
    `namespace` if given. When a node of the run exits (the monitor at the horizon) the launch shuts down."""
    from launch.actions import GroupAction
    from launch_ros.actions import Node
    specs = with_extra_run_nodes(plan['nodes'], ['recorder'] if record else [], ready_timeout)
    nodes = [Node(**node_kwargs(spec, use_sim_time, params_file, log_level=log_level), on_exit=end_of_run(spec, plan['horizon']))
             for spec in specs]
    if record:
        run = plan['nodes'][0]['parameters'] if plan['nodes'] else {}
        kwargs = recorder_kwargs(record_output or default_record_output(plan['family']), use_sim_time, run)
        if log_level:
            kwargs['ros_arguments'] = ['--log-level', log_level]
        nodes.append(Node(**kwargs, on_exit=end_of_run({'executable': 'recorder', 'name': 'recorder', 'namespace': '/'}, plan['horizon'])))
    if view:
        nodes.append(Node(**bridge_kwargs(plan, view_host, view_port, use_sim_time, log_level=log_level)))
    group = [_push_namespace_class()(namespace.strip('/'))] if namespace.strip('/') else []
    return [GroupAction(group + nodes)]


def launch_setup(context, family, default_scenario):
    """OpaqueFunction body: reads the launch arguments, asks the CLI for the plan, returns the actions."""
    from launch.actions import LogInfo
    from launch.substitutions import LaunchConfiguration

    def arg(name):
        return LaunchConfiguration(name).perform(context)

    scenario = resolve_scenario(arg('scenario') or default_scenario)
    use_sim_time = parse_bool(arg('use_sim_time'), 'use_sim_time')
    start = arg('start_time')
    start_time = parse_float(start, 'start_time', minimum=0) if start != '' else None
    ready_timeout = parse_float(arg('ready_timeout'), 'ready_timeout', minimum=0.1)
    # Every argument is checked before the (slower) CLI call.
    params_file = arg('params_file')
    if params_file and not os.path.isfile(params_file):
        raise RuntimeError(f"fleet_bandits: params_file '{params_file}' not found")
    log_level = arg('log_level').strip().lower()
    if log_level not in ('',) + LOG_LEVELS:
        raise RuntimeError(f"fleet_bandits: log_level must be one of {', '.join(LOG_LEVELS)}, found '{arg('log_level')}'")
    view = parse_bool(arg('view'), 'view')
    view_port = parse_float(arg('view_port'), 'view_port', minimum=0)
    if view_port != int(view_port) or view_port > 65535:
        raise RuntimeError(f"fleet_bandits: view_port must be a TCP port (0..65535), found '{arg('view_port')}'")
    extra = {}
    if 'adapter' in FAMILY_ARGUMENTS.get(family, {}):
        extra = {'adapter': arg('adapter'), 'simulate_robots': parse_optional_bool(arg('simulate_robots'), 'simulate_robots'),
                 'simulate_environment': parse_optional_bool(arg('simulate_environment'), 'simulate_environment'),
                 **{name: arg(name) for name in ('sensor_topic', 'sensor_type', 'sensor_field', 'sensor_reducer', 'dwell')}}
    plan = run_plan(scenario, start_time, algorithm=arg('algorithm'), seed=arg('seed'), run=arg('run'),
                    horizon=arg('horizon'), round_period=arg('round_period'), **extra)
    if family is not None and plan['family'] != family:
        raise RuntimeError(f"fleet_bandits: scenario {scenario} is of family '{plan['family']}', "
                           f"not '{family}'; use {plan['family']}.launch.py")
    actions = plan_actions(plan, namespace=arg('namespace'), use_sim_time=use_sim_time,
                           record=parse_bool(arg('record'), 'record'), record_output=arg('record_output'),
                           params_file=os.path.abspath(params_file) if params_file else '',
                           ready_timeout=ready_timeout, view=view, view_host=arg('view_host'),
                           view_port=int(view_port), log_level=log_level)
    when = (f"round 0 at ROS time {plan['startTime']:.3f} s" if start_time is not None
            else f"round 0 once every node is up ({plan['nodes'][0]['name']} waits up to {ready_timeout:g} s)")
    summary = (f"fleet_bandits: {len(plan['nodes'])} nodes of {scenario} ({plan['algorithm']}, seed {plan['seed']}, "
               f"{plan['horizon']} rounds of {plan['roundPeriod']} s); {when}; the run ends when the monitor reports the last round")
    if view:
        summary += f"; viewer at http://{arg('view_host')}:{int(view_port)}/"
    return [LogInfo(msg=summary)] + actions


def generate(family, default_scenario):
    """The LaunchDescription of a family's launch file: its arguments, then the plan's nodes."""
    from launch import LaunchDescription
    from launch.actions import DeclareLaunchArgument, OpaqueFunction
    arguments = [DeclareLaunchArgument('scenario', default_value=default_scenario,
                                       description='scenario YAML (path, or a name under sim/scenarios/)')]
    arguments += [DeclareLaunchArgument(name, default_value=default, description=text)
                  for name, (default, text) in {**ARGUMENTS, **FAMILY_ARGUMENTS.get(family, {})}.items()]
    return LaunchDescription(arguments + [
        OpaqueFunction(function=launch_setup, kwargs={'family': family, 'default_scenario': default_scenario}),
    ])
