// Waypoint YAML parsing: the three edge spellings, positions, and errors with lines and fields.
import { describe, expect, it } from 'vitest';
import { edgeIndex, isAdjacent } from '../../../src/core/graph/Graph.js';
import { GraphValidationError } from '../../../src/core/graph/GraphValidationError.js';
import { parseWaypointYaml } from '../../../src/core/graph/parseWaypointYaml.js';

const field = `
frame: map
sites:
  - { id: A1, position: [0, 0, 10] }
  - { id: A2, position: [30, 40] }
  - { id: 7, position: [0, 0, 20] }
edges:
  - [A1, A2]
  - [A2, 7, 55.5]
  - { from: 7, to: A1 }
`;

function issuesOf(text: string): readonly string[] {
  try {
    parseWaypointYaml(text, 'f.yaml');
  } catch (err) {
    expect(err).toBeInstanceOf(GraphValidationError);
    return (err as GraphValidationError).issues;
  }
  throw new Error('expected a GraphValidationError');
}

describe('parseWaypointYaml', () => {
  it('reads sites, positions (z defaults to 0) and all edge spellings', () => {
    const g = parseWaypointYaml(field, 'f.yaml');
    expect(g.ids).toEqual(['A1', 'A2', '7']);
    expect([...g.positions!]).toEqual([0, 0, 10, 30, 40, 0, 0, 0, 20]);
    expect(isAdjacent(g, 0, 1) && isAdjacent(g, 1, 2) && isAdjacent(g, 2, 0)).toBe(true);
    expect(g.edgeLengths![edgeIndex(g, 0, 1)]).toBeCloseTo(Math.hypot(30, 40, 10), 12);
    expect(g.edgeLengths![edgeIndex(g, 2, 1)]).toBe(55.5);
    expect(g.edgeLengths![edgeIndex(g, 0, 2)]).toBe(10);
  });

  it('gives YAML syntax errors with their line', () => {
    expect(issuesOf('sites:\n  - { id: A1\nedges: []\n')[0]).toMatch(/^line \d+: YAML syntax error: /);
  });

  it('names bad fields', () => {
    const issues = issuesOf('sites:\n  - { id: A1, position: [1] , color: red }\nedge: []\n');
    expect(issues).toContain("(top level): Unrecognized key: \"edge\"");
    expect(issues.some((i) => i.startsWith('sites[0].position:'))).toBe(true);
    expect(issues.some((i) => i.startsWith('sites[0]:') && i.includes('color'))).toBe(true);
    expect(issuesOf('sites: [{ id: a }, { id: b }]\nedges: [[a], [a, b, -3]]\n')).toEqual([
      'edges[0]: an edge is [from, to], [from, to, length] or { from, to, length } with site ids and a length > 0 in metres',
      'edges[1][2]: Too small: expected number to be >0',
    ]);
  });

  it('names an unknown site in an edge, and a disconnected field', () => {
    expect(issuesOf('sites: [{ id: a }, { id: b }]\nedges: [[a, c]]\n')).toEqual(["edges[0].to: unknown site id 'c'; known ids: a, b"]);
    expect(issuesOf('sites: [{ id: a }, { id: b }]\n')).toEqual(["the graph is not connected: 1 of 2 sites cannot be reached from site 'a': 'b'"]);
  });

  it('the shipped drone field is a connected graph of 33 sites with altitudes', async () => {
    const { readFileSync } = await import('node:fs');
    const g = parseWaypointYaml(readFileSync('sim/graphs/drone-field.yaml', 'utf8'), 'drone-field.yaml');
    expect(g.size).toBe(33);
    for (let k = 1; k < g.size; k++) expect(g.positions![3 * k + 2]).toBeGreaterThan(5);
  });
});
