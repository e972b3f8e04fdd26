// Params-file node keys matched as rclcpp matches them, and rcl's merge order of files and -p rules.
import { describe, expect, it } from 'vitest';
import { nodeKeyMatches, overridesFor, overrideTable } from '../../../src/runtime/ros/rosParameterOverrides.js';

describe('nodeKeyMatches (rclcpp: bare names are absolute, /* one token, /** any)', () => {
  it.each([
    ['/**', '/learner', true],
    ['/**', '/fleet1/agent_0/agent', true],
    ['/agent_3/agent', '/agent_3/agent', true],
    ['/agent_3/agent', '/fleet1/agent_3/agent', false],
    ['agent', '/agent', true],
    ['agent', '/agent_0/agent', false],
    ['/agent_0/*', '/agent_0/agent', true],
    ['/agent_0/*', '/agent_0/x/agent', false],
    ['/*/agent', '/agent_7/agent', true],
    ['/*/agent', '/agent', false],
    ['/**/agent', '/agent', true],
    ['/**/agent', '/fleet1/agent_2/agent', true],
    ['/**/agent', '/fleet1/agent_2/agents', false],
    ['/fleet1/**', '/fleet1/learner', true],
    ['/fleet1/**', '/fleet2/learner', false],
    ['/a.b', '/aXb', false],
  ])('%s applies to %s: %s', (key, fqn, expected) => {
    expect(nodeKeyMatches(key, fqn)).toBe(expected);
  });
});

describe('overrideTable + overridesFor', () => {
  const files: Record<string, string> = {
    'a.yaml': '/**:\n  ros__parameters:\n    x: 1\n    arr: [1, 2]\n/ns/n:\n  ros__parameters:\n    x: 2\n',
    'b.yaml': '/**:\n  ros__parameters:\n    x: 3\n    y: 0.5\n    s: "3"\n',
  };
  const read = (p: string) => {
    if (!(p in files)) throw new Error('ENOENT');
    return files[p];
  };

  it('keeps each key at its first appearance and later values of a key replace earlier ones', () => {
    const table = overrideTable(['prog', '--ros-args', '--params-file', 'a.yaml', '--params-file', 'b.yaml', '-p', 'y:=2', '-p', 'n:z:=true'], read);
    expect([...table.keys()]).toEqual(['/**', '/ns/n', 'n']);
    expect(Object.fromEntries(overridesFor(table, '/ns/n'))).toEqual({ x: 2, arr: [1, 2], y: 2, s: '3' });
    expect(Object.fromEntries(overridesFor(table, '/n'))).toEqual({ x: 3, arr: [1, 2], y: 2, s: '3', z: true });
  });

  it('reads only --ros-args sections and skips the values of other ROS flags', () => {
    const table = overrideTable(['prog', '-p', 'a:=1', '--ros-args', '-r', '__ns:=/x', '--log-level', 'debug', '-p', 'b:=2', '--', '-p', 'c:=3'], read);
    expect(Object.fromEntries(overridesFor(table, '/x/n'))).toEqual({ b: 2 });
  });

  it('names the file and the field of what it cannot read', () => {
    expect(() => overrideTable(['p', '--ros-args', '--params-file', 'missing.yaml'], read)).toThrow("params file 'missing.yaml' cannot be read: ENOENT");
    files['bad.yaml'] = 'learner:\n  gains: 3\n';
    expect(() => overrideTable(['p', '--ros-args', '--params-file', 'bad.yaml'], read)).toThrow("params file 'bad.yaml': 'learner/gains' has no ros__parameters");
    files['list.yaml'] = '- 1\n- 2\n';
    expect(() => overrideTable(['p', '--ros-args', '--params-file', 'list.yaml'], read)).toThrow("params file 'list.yaml': top level must map node names to ros__parameters");
    expect(() => overrideTable(['p', '--ros-args', '-p', 'novalue'], read)).toThrow("-p rule 'novalue' is not name:=value");
  });
});
