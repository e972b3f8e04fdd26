"""Tests the launch files' plan-to-Node translation with plain python3: launch/launch_ros are stubbed.

Run by test/launch/launchFiles.test.ts (vitest) as `python3 -B test/launch/test_launch_plan.py`;
the end-to-end cases call the repository's CLI (bin/fleet-bandits.js), so `npm run build` first.
"""

import importlib.util
import json
import os
import sys
import types
import unittest

sys.dont_write_bytecode = True  # no __pycache__ in launch/ (it would be installed with it)
import atexit  # noqa: E402
import shutil  # noqa: E402
import tempfile  # noqa: E402

# The helper writes one params file per node into the temp directory: keep them in our own.
tempfile.tempdir = tempfile.mkdtemp(prefix='fb-launch-test-')
atexit.register(shutil.rmtree, tempfile.tempdir, True)

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
LAUNCH_DIR = os.path.join(ROOT, 'launch')


class Recorded:
    """A stub launch action that keeps its constructor arguments."""

    def __init__(self, *args, **kwargs):
        self.args = args
        self.kwargs = kwargs

    def __repr__(self):
        return f'{type(self).__name__}({self.args}, {self.kwargs})'


class LaunchConfiguration:
    def __init__(self, name):
        self.name = name

    def perform(self, context):
        return context.launch_configurations[self.name]


def install_stubs(humble=True):
    """Puts fake launch, launch_ros and ament_index_python modules in sys.modules."""
    def module(name, **attrs):
        m = types.ModuleType(name)
        for k, v in attrs.items():
            setattr(m, k, v)
        sys.modules[name] = m
        return m

    classes = {n: type(n, (Recorded,), {}) for n in
               ['LaunchDescription', 'DeclareLaunchArgument', 'GroupAction', 'OpaqueFunction', 'LogInfo', 'Shutdown', 'Node',
                'PushRosNamespace', 'PushROSNamespace']}
    module('launch', LaunchDescription=classes['LaunchDescription'])
    module('launch.actions', **{k: classes[k] for k in ['DeclareLaunchArgument', 'GroupAction', 'OpaqueFunction', 'LogInfo', 'Shutdown']})
    module('launch.substitutions', LaunchConfiguration=LaunchConfiguration)
    module('launch_ros')
    ros_actions = {'Node': classes['Node'], 'PushRosNamespace': classes['PushRosNamespace']}
    if not humble:
        ros_actions['PushROSNamespace'] = classes['PushROSNamespace']
    module('launch_ros.actions', **ros_actions)
    module('ament_index_python')

    def not_installed(package):
        raise LookupError(f"package '{package}' not found")
    module('ament_index_python.packages', get_package_share_directory=not_installed)
    return classes


install_stubs()
sys.path.insert(0, LAUNCH_DIR)
import fleet_bandits_plan as fbp  # noqa: E402

# Each real CLI call takes seconds on a busy machine: tests asking for the same plan share one.
_plans = {}
_run_plan = fbp.run_plan


def _cached_run_plan(scenario, start_time=None, **options):
    key = (scenario, start_time, tuple(sorted(options.items())))
    if key not in _plans:
        _plans[key] = json.dumps(_run_plan(scenario, start_time, **options))
    return json.loads(_plans[key])


fbp.run_plan = _cached_run_plan


def load_launch_file(name):
    spec = importlib.util.spec_from_file_location(name.replace('.', '_'), os.path.join(LAUNCH_DIR, name))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def read_params(path):
    """The parameters of a file written by params_yaml: `/**` block, one JSON value per line."""
    with open(path) as f:
        lines = f.read().splitlines()
    assert lines[:2] == ['/**:', '  ros__parameters:'], lines[:2]
    out = {}
    for line in lines[2:]:
        name, _, value = line.strip().partition(': ')
        out[name] = json.loads(value)
    return out


def params_of(node, index=-1):
    """What one launch_ros Node gets from the plan (its last params file)."""
    return read_params(node.kwargs['parameters'][index])


class Context:
    def __init__(self, **overrides):
        self.launch_configurations = {'scenario': ''}
        self.launch_configurations.update({k: d for k, (d, _) in fbp.ARGUMENTS.items()})
        for family_arguments in fbp.FAMILY_ARGUMENTS.values():
            self.launch_configurations.update({k: d for k, (d, _) in family_arguments.items()})
        self.launch_configurations.update(overrides)


SAMPLE_PLAN = {
    'scenario': '/abs/erasure.yaml', 'family': 'erasure', 'algorithm': 'BatchSP2', 'seed': 3, 'run': 0,
    'horizon': 100, 'roundPeriod': 0.1, 'startTime': 1700000003.5,
    'nodes': [
        {'executable': 'learner', 'name': 'learner', 'namespace': '/', 'parameters': {'seed': 3, 'start_time': 1700000003.5}, 'remappings': {}},
        {'executable': 'link', 'name': 'link', 'namespace': '/', 'parameters': {'seed': 3}, 'remappings': {}},
        {'executable': 'agent', 'name': 'agent', 'namespace': '/agent_0', 'parameters': {'seed': 3, 'agent_id': 0}, 'remappings': {}},
        {'executable': 'agent', 'name': 'agent', 'namespace': '/agent_1', 'parameters': {'seed': 3, 'agent_id': 1}, 'remappings': {'cmd': 'cmd_raw'}},
    ],
}


SAMPLE_PLAN_WITH_MONITOR = dict(SAMPLE_PLAN, nodes=SAMPLE_PLAN['nodes'] + [
    {'executable': 'monitor', 'name': 'monitor', 'namespace': '/', 'parameters': {'seed': 3}, 'remappings': {}}])


class NodeTranslation(unittest.TestCase):
    def test_node_kwargs_from_a_plan_node(self):
        written = []
        kw = fbp.node_kwargs(SAMPLE_PLAN['nodes'][3], use_sim_time=True, params_file='/cfg/params.yaml',
                             write=lambda p: written.append(p) or f'/tmp/p{len(written)}.yaml')
        self.assertEqual(kw, {
            'package': 'fleet_bandits', 'executable': 'agent', 'name': 'agent', 'namespace': 'agent_1',
            'parameters': ['/cfg/params.yaml', '/tmp/p1.yaml'],
            'remappings': [('cmd', 'cmd_raw')], 'output': 'screen',
        })
        self.assertEqual(written, [{'seed': 3, 'agent_id': 1, 'use_sim_time': True}])
        root = fbp.node_kwargs(SAMPLE_PLAN['nodes'][0])
        self.assertIsNone(root['namespace'])
        self.assertEqual(len(root['parameters']), 1)
        self.assertEqual(read_params(root['parameters'][0]), {'seed': 3, 'start_time': 1700000003.5, 'use_sim_time': False})

    def test_params_files_key_everything_by_the_wildcard_with_rcl_types(self):
        text = fbp.params_yaml({'scenario': '/a b/x.yaml', 'seed': 3, 'period': 1.0, 'big': 1e16, 'flag': False,
                                'label': 'true', 'quote': 'say "hi"\n', 'ids': [1, 2], 'w': [0.5, 1], 'names': ['a', 'b'],
                                'kinematic.gain': 2.0})
        self.assertEqual(text, '\n'.join([
            '/**:', '  ros__parameters:', '    scenario: "/a b/x.yaml"', '    seed: 3', '    period: 1.0', '    big: 1e+16',
            '    flag: false', '    label: "true"', '    quote: "say \\"hi\\"\\n"', '    ids: [1, 2]', '    w: [0.5, 1.0]',
            '    names: ["a", "b"]', '    kinematic.gain: 2.0']) + '\n')
        with self.assertRaisesRegex(RuntimeError, "parameter 'x' is nan; ROS 2 parameters must be finite"):
            fbp.params_yaml({'x': float('nan')})
        with self.assertRaisesRegex(RuntimeError, "'bad name' is not a valid ROS 2 parameter name"):
            fbp.params_yaml({'bad name': 1})
        with self.assertRaisesRegex(RuntimeError, "parameter 'd' has unsupported type dict"):
            fbp.params_yaml({'d': {}})

    def test_plan_actions_group_under_a_pushed_namespace(self):
        [group] = fbp.plan_actions(SAMPLE_PLAN, namespace='/fleet1/')
        actions = group.args[0]
        self.assertEqual(type(actions[0]).__name__, 'PushRosNamespace')  # Humble's name
        self.assertEqual(actions[0].args, ('fleet1',))
        nodes = actions[1:]
        self.assertEqual([(n.kwargs['executable'], n.kwargs['namespace']) for n in nodes],
                         [('learner', None), ('link', None), ('agent', 'agent_0'), ('agent', 'agent_1')])

    def test_plan_actions_without_namespace_push_nothing_and_record_adds_the_recorder(self):
        [group] = fbp.plan_actions(SAMPLE_PLAN, record=True, record_output='/tmp/run.mcap')
        actions = group.args[0]
        self.assertEqual([type(a).__name__ for a in actions], ['Node'] * 5)
        self.assertEqual({k: v for k, v in actions[-1].kwargs.items() if k not in ('parameters', 'on_exit')}, {
            'package': 'fleet_bandits', 'executable': 'recorder', 'name': 'recorder', 'namespace': None, 'output': 'screen'})
        self.assertEqual([a.kwargs for a in actions[-1].kwargs['on_exit']], [{'reason': 'recorder exited before the end of the run'}])
        self.assertEqual(params_of(actions[-1]), {'seed': 3, 'start_time': 1700000003.5, 'output': '/tmp/run.mcap', 'use_sim_time': False})
        [group] = fbp.plan_actions(SAMPLE_PLAN, record=True)
        self.assertRegex(params_of(group.args[0][-1])['output'], r'/fleet_bandits_erasure_\d{8}_\d{6}\.mcap$')

    def test_jazzy_push_namespace_name_is_preferred(self):
        install_stubs(humble=False)
        try:
            [group] = fbp.plan_actions(SAMPLE_PLAN, namespace='fleet2')
            self.assertEqual(type(group.args[0][0]).__name__, 'PushROSNamespace')
        finally:
            install_stubs()

    def test_plan_command_and_start_time(self):
        cmd = fbp.plan_command('/s.yaml', 12.5, algorithm='UCB1', seed='', horizon=50, cli='/x/fleet-bandits.js', node='node')
        self.assertEqual(cmd, ['node', '/x/fleet-bandits.js', 'plan', '/s.yaml', '--start-time', '12.5', '--algorithm', 'UCB1', '--horizon', '50'])
        cmd = fbp.plan_command('/s.yaml', None, adapter='nav2', simulate_robots=False, cli='/c.js', node='node')
        self.assertEqual(cmd, ['node', '/c.js', 'plan', '/s.yaml', '--sync-start', '--adapter', 'nav2', '--no-simulate-robots'])
        # An explicit true reaches the CLI too (it overrides a field's false); unset leaves it to the scenario.
        cmd = fbp.plan_command('/s.yaml', None, simulate_robots=True, simulate_environment=True, cli='/c.js', node='node')
        self.assertEqual(cmd, ['node', '/c.js', 'plan', '/s.yaml', '--sync-start', '--simulate-robots', '--simulate-environment'])
        cmd = fbp.plan_command('/s.yaml', None, simulate_environment=False, cli='/c.js', node='node')
        self.assertEqual(cmd, ['node', '/c.js', 'plan', '/s.yaml', '--sync-start', '--no-simulate-environment'])
        self.assertEqual([fbp.parse_optional_bool(t) for t in ('', ' ', 'true', 'False')], [None, None, True, False])

    def test_launch_added_nodes_join_the_coordinators_wait_list(self):
        specs = [{'executable': 'learner', 'name': 'learner', 'namespace': '/', 'remappings': {},
                  'parameters': {'start_time': -1, 'run_nodes': ['learner', 'agent_0/agent']}},
                 {'executable': 'agent', 'name': 'agent', 'namespace': '/agent_0', 'remappings': {}, 'parameters': {'start_time': -1}}]
        out = fbp.with_extra_run_nodes(specs, ['recorder'], ready_timeout=5)
        self.assertEqual(out[0]['parameters'], {'start_time': -1, 'run_nodes': ['learner', 'agent_0/agent', 'recorder'], 'ready_timeout': 5.0})
        self.assertEqual(specs[0]['parameters']['run_nodes'], ['learner', 'agent_0/agent'])  # the plan itself is left alone
        fixed = [dict(specs[0], parameters={'start_time': 3.0})]
        self.assertEqual(fbp.with_extra_run_nodes(fixed, ['recorder'], 5)[0]['parameters'], {'start_time': 3.0})

    def test_the_monitor_ends_the_launch_and_view_adds_the_bridge(self):
        [group] = fbp.plan_actions(SAMPLE_PLAN_WITH_MONITOR, view=True, view_port=8099, log_level='debug')
        nodes = group.args[0]
        reasons = {n.kwargs['executable'] + ':' + str(n.kwargs['namespace']): [(type(a).__name__, a.kwargs['reason']) for a in n.kwargs['on_exit']]
                   for n in nodes if 'on_exit' in n.kwargs}
        # The monitor ends the run at the horizon; any other node of the run only by failing.
        self.assertEqual(reasons, {
            'learner:None': [('Shutdown', 'learner exited before the end of the run')],
            'link:None': [('Shutdown', 'link exited before the end of the run')],
            'agent:agent_0': [('Shutdown', 'agent_0/agent exited before the end of the run')],
            'agent:agent_1': [('Shutdown', 'agent_1/agent exited before the end of the run')],
            'monitor:None': [('Shutdown', 'the monitor ended the run (100 rounds)')],
        })
        bridge = nodes[-1]
        self.assertEqual((bridge.kwargs['executable'], bridge.kwargs['name'], bridge.kwargs['namespace']), ('bridge', 'bridge', None))
        self.assertEqual(params_of(bridge), {'num_agents': 2, 'num_robots': 0, 'host': '127.0.0.1', 'port': 8099, 'use_sim_time': False})
        self.assertEqual({tuple(n.kwargs['ros_arguments']) for n in nodes}, {('--log-level', 'debug')})
        [group] = fbp.plan_actions(SAMPLE_PLAN_WITH_MONITOR)
        self.assertNotIn('bridge', [n.kwargs['executable'] for n in group.args[0]])
        self.assertTrue(all('ros_arguments' not in n.kwargs for n in group.args[0]))

    def test_helpers_reject_bad_input_clearly(self):
        with self.assertRaisesRegex(RuntimeError, "record must be true or false, found 'maybe'"):
            fbp.parse_bool('maybe', 'record')
        with self.assertRaisesRegex(RuntimeError, "scenario 'nope.yaml' not found; tried: "):
            fbp.resolve_scenario('nope.yaml')
        self.assertEqual(fbp.resolve_scenario('single-agent.yaml'), os.path.join(ROOT, 'sim', 'scenarios', 'single-agent.yaml'))
        self.assertEqual(fbp.cli_path(), os.path.join(ROOT, 'bin', 'fleet-bandits.js'))


class LaunchFiles(unittest.TestCase):
    def test_every_family_declares_the_arguments_and_one_opaque_function(self):
        for name, family, scenario in [('bandit.launch.py', 'bandit', 'sim/scenarios/single-agent.yaml'),
                                       ('erasure.launch.py', 'erasure', 'sim/scenarios/erasure-quick.yaml'),
                                       ('coverage.launch.py', 'coverage', 'sim/scenarios/coverage-quick.yaml'),
                                       ('multistage.launch.py', 'multistage', 'sim/scenarios/tree-quick.yaml'),
                                       ('dag.launch.py', 'dag', 'sim/scenarios/dag-quick.yaml')]:
            ld = load_launch_file(name).generate_launch_description()
            entities = ld.args[0]
            declared = {e.args[0]: e.kwargs['default_value'] for e in entities if type(e).__name__ == 'DeclareLaunchArgument'}
            self.assertEqual(declared['scenario'], scenario, name)
            for arg in ['algorithm', 'seed', 'use_sim_time', 'namespace', 'record', 'round_period', 'start_time']:
                self.assertIn(arg, declared, name)
            self.assertEqual(declared['use_sim_time'], 'false')
            [opaque] = [e for e in entities if type(e).__name__ == 'OpaqueFunction']
            self.assertEqual(opaque.kwargs['kwargs'], {'family': family, 'default_scenario': scenario})
            self.assertTrue(os.path.isfile(os.path.join(ROOT, scenario)), scenario)

    def opaque(self, launch_file):
        ld = load_launch_file(launch_file).generate_launch_description()
        [opaque] = [e for e in ld.args[0] if type(e).__name__ == 'OpaqueFunction']
        return lambda context: opaque.kwargs['function'](context, **opaque.kwargs['kwargs'])

    def test_bandit_launch_builds_the_nodes_from_the_real_cli(self):
        actions = self.opaque('bandit.launch.py')(Context(algorithm='SAE', seed='7', namespace='fleet1', round_period='0.05'))
        log, group = actions
        self.assertRegex(log.kwargs['msg'], r'^fleet_bandits: 3 nodes of .*single-agent\.yaml \(SAE, seed 7, 20000 rounds of 0\.05 s\); '
                         r'round 0 once every node is up \(learner waits up to 60 s\); the run ends when the monitor reports the last round$')
        push, *nodes = group.args[0]
        self.assertEqual(push.args, ('fleet1',))
        self.assertEqual([(n.kwargs['executable'], n.kwargs['name'], n.kwargs['namespace'], n.kwargs['remappings']) for n in nodes],
                         [('learner', 'learner', None, []), ('agent', 'agent', 'agent_0', [('cmd', 'cmd_raw')]), ('monitor', 'monitor', None, [])])
        params = params_of(nodes[1])
        self.assertEqual(params['scenario'], os.path.join(ROOT, 'sim', 'scenarios', 'single-agent.yaml'))
        self.assertEqual((params['algorithm'], params['seed'], params['agent_id'], params['round_period'], params['use_sim_time']), ('SAE', 7, 0, 0.05, False))
        # No wall-clock guess: every node waits for run_start; the learner waits for the others.
        self.assertEqual({params_of(n)['start_time'] for n in nodes}, {-1})
        self.assertEqual(params_of(nodes[0])['run_nodes'], ['learner', 'agent_0/agent', 'monitor'])
        self.assertEqual(params_of(nodes[0])['ready_timeout'], 60.0)

    def test_every_family_launches_its_default_scenario_with_installed_executables(self):
        wrappers = set(os.listdir(os.path.join(ROOT, 'ros', 'bin')))
        for launch_file, family in [('bandit.launch.py', 'bandit'), ('erasure.launch.py', 'erasure'), ('coverage.launch.py', 'coverage'),
                                    ('multistage.launch.py', 'multistage'),
                                    ('dag.launch.py', 'dag')]:
            log, group = self.opaque(launch_file)(Context(record='true', record_output='/tmp/x.mcap'))
            self.assertIn('fleet_bandits: ', log.kwargs['msg'])
            nodes = group.args[0]
            executables = [n.kwargs['executable'] for n in nodes]
            self.assertEqual(executables[-1], 'recorder', launch_file)
            self.assertTrue(set(executables) <= wrappers, f'{launch_file}: no ros/bin wrapper for {set(executables) - wrappers}')
            names = [(n.kwargs['namespace'], n.kwargs['name']) for n in nodes]
            self.assertEqual(len(names), len(set(names)), f'{launch_file}: duplicate node names {names}')
            recorder = params_of(nodes[-1])
            self.assertEqual(recorder['scenario'], params_of(nodes[0])['scenario'], family)

    def test_only_coverage_declares_the_robot_adapter_arguments(self):
        for name, has in [('coverage.launch.py', True), ('bandit.launch.py', False), ('erasure.launch.py', False), ('dag.launch.py', False)]:
            entities = load_launch_file(name).generate_launch_description().args[0]
            declared = {e.args[0]: e.kwargs['default_value'] for e in entities if type(e).__name__ == 'DeclareLaunchArgument'}
            self.assertEqual('adapter' in declared, has, name)
            self.assertEqual(declared.get('simulate_robots'), '' if has else None, name)
            self.assertEqual(declared.get('simulate_environment'), '' if has else None, name)

    def test_coverage_with_pose_goal_adds_kinematic_robots_unless_robots_are_real(self):
        wrappers = set(os.listdir(os.path.join(ROOT, 'ros', 'bin')))
        _, group = self.opaque('coverage.launch.py')(Context(adapter='pose_goal', horizon='50'))
        nodes = group.args[0]
        kinematic = [n for n in nodes if n.kwargs['executable'] == 'kinematic_robot']
        self.assertEqual([n.kwargs['namespace'] for n in kinematic], [f'robot_{i}' for i in range(5)])
        self.assertIn('kinematic_robot', wrappers)
        robots = [n for n in nodes if n.kwargs['executable'] == 'robot']
        self.assertEqual({params_of(n)['adapter'] for n in robots}, {'pose_goal'})
        _, group = self.opaque('coverage.launch.py')(Context(adapter='nav2', simulate_robots='false', horizon='50'))
        executables = [n.kwargs['executable'] for n in group.args[0]]
        self.assertNotIn('kinematic_robot', executables)
        self.assertEqual({params_of(n)['adapter'] for n in group.args[0] if n.kwargs['executable'] == 'robot'}, {'nav2'})
        with self.assertRaisesRegex(RuntimeError, "simulate_robots must be true or false, found 'sometimes'"):
            self.opaque('coverage.launch.py')(Context(adapter='nav2', simulate_robots='sometimes'))

    def test_coverage_without_simulated_environment_reads_real_sensors(self):
        wrappers = set(os.listdir(os.path.join(ROOT, 'ros', 'bin')))
        _, group = self.opaque('coverage.launch.py')(Context(simulate_environment='false', sensor_type='sensor_msgs/msg/Range',
                                                             sensor_field='range', sensor_reducer='max', horizon='50'))
        nodes = group.args[0]
        executables = [n.kwargs['executable'] for n in nodes]
        self.assertNotIn('environment', executables)
        sensors = [n for n in nodes if n.kwargs['executable'] == 'site_sensor']
        self.assertEqual([n.kwargs['namespace'] for n in sensors], [f'robot_{i}' for i in range(5)])
        self.assertIn('site_sensor', wrappers)
        self.assertEqual({(p['sensor_type'], p['sensor_field'], p['reducer']) for p in (params_of(n) for n in sensors)},
                         {('sensor_msgs/msg/Range', 'range', 'max')})
        monitor = [n for n in nodes if n.kwargs['executable'] == 'monitor'][0]
        self.assertFalse(params_of(monitor)['ground_truth'])
        _, group = self.opaque('coverage.launch.py')(Context(horizon='50'))
        self.assertIn('environment', [n.kwargs['executable'] for n in group.args[0]])

    def test_explicit_simulation_arguments_override_the_scenarios_field(self):
        # field-px4.yaml says simulateRobots: false, simulateEnvironment: false (PX4 SITL and a real sonar).
        executables = lambda group: [n.kwargs['executable'] for n in group.args[0]]  # noqa: E731
        _, group = self.opaque('coverage.launch.py')(Context(scenario='field-px4.yaml', horizon='5'))
        self.assertEqual((executables(group).count('site_sensor'), executables(group).count('kinematic_robot')), (3, 0))
        self.assertNotIn('environment', executables(group))
        _, group = self.opaque('coverage.launch.py')(Context(scenario='field-px4.yaml', horizon='5',
                                                             simulate_robots='true', simulate_environment='true'))
        self.assertEqual((executables(group).count('site_sensor'), executables(group).count('kinematic_robot')), (0, 3))
        self.assertIn('environment', executables(group))
        self.assertEqual({params_of(n)['adapter'] for n in group.args[0] if n.kwargs['executable'] == 'robot'}, {'px4'})

    def test_sim_time_start_and_explicit_start_time(self):
        actions = self.opaque('bandit.launch.py')(Context(use_sim_time='true', ready_timeout='7.5', record='true', record_output='/tmp/r.mcap'))
        nodes = actions[1].args[0]
        self.assertEqual(params_of(nodes[0])['start_time'], -1)
        self.assertEqual(params_of(nodes[0])['ready_timeout'], 7.5)
        self.assertEqual(params_of(nodes[0])['run_nodes'], ['learner', 'agent_0/agent', 'monitor', 'recorder'])
        self.assertEqual(params_of(nodes[-1])['start_time'], -1)  # the recorder announces itself too
        self.assertTrue(params_of(nodes[0])['use_sim_time'])
        actions = self.opaque('bandit.launch.py')(Context(start_time='1700000123.25'))
        self.assertEqual(params_of(actions[1].args[0][0])['start_time'], 1700000123.25)
        self.assertNotIn('run_nodes', params_of(actions[1].args[0][0]))
        self.assertRegex(actions[0].kwargs['msg'], r'round 0 at ROS time 1700000123\.250 s')
        for bad, message in [(dict(start_time='soon'), "start_time must be a number >= 0, found 'soon'"),
                             (dict(ready_timeout='0'), "ready_timeout must be a number >= 0.1, found '0'"),
                             (dict(log_level='loud'), "log_level must be one of debug, info, warn, error, fatal, found 'loud'"),
                             (dict(view_port='80.5'), "view_port must be a TCP port \\(0..65535\\), found '80.5'")]:
            with self.assertRaisesRegex(RuntimeError, message):
                self.opaque('bandit.launch.py')(Context(**bad))

    def test_view_serves_the_viewer_from_a_bridge_node(self):
        log, group = self.opaque('erasure.launch.py')(Context(view='true', view_port='8123'))
        bridge = group.args[0][-1]
        self.assertEqual(bridge.kwargs['executable'], 'bridge')
        self.assertEqual(params_of(bridge)['num_agents'], 4)
        self.assertEqual(params_of(bridge)['port'], 8123)
        self.assertTrue(log.kwargs['msg'].endswith('; viewer at http://127.0.0.1:8123/'))

    def test_a_scenario_of_another_family_is_refused_with_the_right_launch_file(self):
        with self.assertRaisesRegex(RuntimeError, r"is of family 'bandit', not 'erasure'; use bandit\.launch\.py"):
            self.opaque('erasure.launch.py')(Context(scenario='sim/scenarios/single-agent.yaml'))

    def test_cli_errors_surface_with_their_message(self):
        with self.assertRaisesRegex(RuntimeError, r"`fleet-bandits plan` failed \(exit 2\): .*algorithm 'nope'"):
            self.opaque('bandit.launch.py')(Context(algorithm='nope'))


if __name__ == '__main__':
    unittest.main(verbosity=2)
