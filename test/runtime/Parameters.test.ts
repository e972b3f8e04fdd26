import { describe, expect, it } from 'vitest';
import { parseParameterLiteral, parseRosArgs } from '../../src/runtime/Parameters.js';

describe('ROS argument parsing', () => {
  it('parses parameter literals like ROS 2', () => {
    expect(parseParameterLiteral('true')).toBe(true);
    expect(parseParameterLiteral('42')).toBe(42);
    expect(parseParameterLiteral('-0.5e-2')).toBe(-0.005);
    expect(parseParameterLiteral('[1, 2, 3]')).toEqual([1, 2, 3]);
    expect(parseParameterLiteral("'robot_1'")).toBe('robot_1');
    expect(parseParameterLiteral('sim/x.yaml')).toBe('sim/x.yaml');
  });

  it('parses --ros-args sections', () => {
    const a = parseRosArgs(['scenario.yaml', '--ros-args', '-p', 'agent_id:=3', '-r', '__ns:=/agent_3', '-r', '__node:=agent', '-r', 'cmd:=/x/cmd', '--params-file', 'p.yaml', '--log-level', 'debug', '--', 'tail']);
    expect(a.rest).toEqual(['scenario.yaml', 'tail']);
    expect(a.parameters.get('agent_id')).toBe(3);
    expect(a.namespace).toBe('/agent_3');
    expect(a.nodeName).toBe('agent');
    expect(a.remappings.get('cmd')).toBe('/x/cmd');
    expect(a.paramsFiles).toEqual(['p.yaml']);
    expect(a.logLevel).toBe('debug');
    expect(() => parseRosArgs(['--ros-args', '-p', 'oops'])).toThrow("parameter rule 'oops' must look like name:=value");
    expect(() => parseRosArgs(['--ros-args', '--bogus'])).toThrow("unknown argument '--bogus'");
  });
});
