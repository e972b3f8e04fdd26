// Coverage scenarios: the shipped files load; every bad field, id, table or graph is reported with its path.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { coverageWarnings } from '../../../src/experiments/coverage/coverageFamily.js';
import { coverageWorld } from '../../../src/experiments/coverage/CoverageWorld.js';
import { weightAt } from '../../../src/core/graph/WeightTable.js';
import { coverageIssues, loadCoverageFile, loadCoverageText } from './loadCoverage.js';

const base = `
name: t
family: coverage
horizon: 100
graph: { type: erdos-renyi, sites: 12, p: 0.4 }
robots: { count: 3 }
sites: { means: { type: uniform, lo: 0.25, hi: 0.75 } }
algorithms: [{ name: multi-g-ucb }]
`;

const inline = (extra = '') => `
name: t
family: coverage
horizon: 100
graph:
  type: inline
  sites: [{ id: a, position: [0, 0, 10] }, { id: b, position: [30, 0, 10] }, { id: c, position: [30, 40, 10] }]
  edges: [[a, b], [b, c]]
robots: { count: 2, starts: [a, c], speed: 5 }
sites: { means: { type: list, values: [0.3, 0.5, 0.7] } }
${extra}
algorithms: [{ name: multi-g-ucb }, { name: indv-g-ucb, params: { pathLimit: 9 } }]
`;

describe('coverage scenarios', () => {
  it('loads every shipped coverage scenario, with defaults filled', () => {
    const files = readdirSync('sim/scenarios').filter((f) => /^(coverage-.*|drone-coverage)\.yaml$/.test(f));
    expect(files).toEqual(expect.arrayContaining(['coverage-paper.yaml', 'coverage-quick.yaml', 'drone-coverage.yaml']));
    for (const f of files) expect(() => loadCoverageFile(`sim/scenarios/${f}`), f).not.toThrow();
    const s = loadCoverageText(base);
    expect(s).toMatchObject({
      seed: 1,
      runs: 10,
      robots: { starts: 'random' },
      sites: { noise: { type: 'gaussian', sd: 0.06 } },
      weights: { type: 'log', alpha: 0.05 },
      motion: { model: 'graph-step' },
      links: { waypointErasure: 0 },
      limits: { maxRobots: 1000 },
      algorithms: [{ name: 'multi-g-ucb', params: {} }],
    });
  });

  it('inlines a graph file relative to the scenario, so workers need no file', () => {
    const s = loadCoverageFile('sim/scenarios/drone-coverage.yaml');
    expect(s.graph.type).toBe('inline');
    if (s.graph.type !== 'inline') return;
    expect(s.graph.source).toBe('../graphs/drone-field.yaml');
    expect(s.graph.sites).toHaveLength(33);
    const world = coverageWorld(s);
    expect(world.travel).not.toBeNull();
    expect(world.starts).toEqual(new Int32Array(6));
    expect(world.diameter).toBeGreaterThan(20);
  });

  it('draws the graph and means once per scenario from its seed', () => {
    const a = coverageWorld(loadCoverageText(base));
    const b = coverageWorld(loadCoverageText(base));
    const c = coverageWorld(loadCoverageText(base.replace('p: 0.4', 'p: 0.4, seed: 9')));
    expect([...a.graph.neighbors]).toEqual([...b.graph.neighbors]);
    expect([...a.means]).toEqual([...b.means]);
    expect([...a.graph.neighbors]).not.toEqual([...c.graph.neighbors]);
    expect([...a.means]).toEqual([...c.means]);
    for (const m of a.means) expect(m >= 0.25 && m < 0.75).toBe(true);
  });

  it('reports schema errors with their paths', () => {
    const lines = coverageIssues(
      base
        .replace('robots: { count: 3 }', 'robots: { count: 30, starts: [0, 1] }\nlimits: { maxRobots: 20 }\ncolour: red')
        .replace('[{ name: multi-g-ucb }]', '[{ name: multi-g-ucb, params: { depth: 2 } }, { name: ucb }]')
        .replace('hi: 0.75', 'hi: 1.5'),
    );
    expect(lines).toEqual(
      expect.arrayContaining([
        "x.yaml: colour: unknown key 'colour'",
        'x.yaml: sites.means.hi: value must be <= 1, found 1.5',
        "x.yaml: algorithms[0].params.depth: unknown key 'depth'",
        "x.yaml: algorithms[1].name: 'ucb' is unknown; known: multi-g-ucb, multi-g-ucb-median, multi-g-ucb-max, indv-g-ucb",
      ]),
    );
    expect(coverageIssues(base.replace('robots: { count: 3 }', 'robots: { count: 30, starts: [0, 1] }\nlimits: { maxRobots: 20 }'))).toEqual([
      'x.yaml: robots.count: 30 robots exceed limits.maxRobots = 20',
      "x.yaml: robots.starts: 2 start sites listed for 30 robots; list one per robot or use 'random'",
    ]);
    expect(coverageIssues(inline('motion: { model: travel-time, stepDuration: 1 }').replace(', speed: 5', ''))).toEqual([
      'x.yaml: robots.speed: missing field (motion.model travel-time needs the robot speed in m/s)',
    ]);
    expect(coverageIssues(base.replace('robots: { count: 3 }', 'robots: { count: 3, starts: randm }'))).toEqual([
      "x.yaml: robots.starts: expected 'random' or a list of site ids, one per robot",
    ]);
    expect(coverageIssues(base.replace('erdos-renyi', 'ring'))[0]).toMatch(/^x\.yaml: graph\.type: 'ring' is unknown; known: erdos-renyi, grid, geometric, file, inline/);
  });

  it('reports problems only the graph reveals: ids, means, tables, connectivity, files, limits', () => {
    expect(coverageIssues(inline().replace('starts: [a, c]', 'starts: [a, z]'))).toEqual(["x.yaml: robots.starts[1]: unknown site id 'z'; known ids: a, b, c"]);
    expect(coverageIssues(inline().replace('[0.3, 0.5, 0.7]', '[0.3, 0.5]'))).toEqual([
      'x.yaml: sites.means.values: 2 means listed for a graph of 3 sites; list one per site, in site order',
    ]);
    expect(coverageIssues(inline('weights: { type: table, default: [0, 1, 1.5], sites: { c: [0, 1, 2.5], q: [0, 1, 1] } }'))).toEqual([
      "x.yaml: weights.sites.q: unknown site id 'q'; known ids: a, b, c",
    ]);
    expect(coverageIssues(inline('weights: { type: table, default: [0, 1, 1.5], sites: { c: [0, 1, 2.5] } }'))).toEqual([
      "x.yaml: weights: site 'c': index 2: f(2) - f(1) = 1.5 exceeds f(1) - f(0) = 1; f must be concave (steps never grow)",
    ]);
    expect(coverageIssues(inline().replace('[[a, b], [b, c]]', '[[a, b]]'))).toEqual([
      "x.yaml: graph: scenario graph: the graph is not connected: 1 of 3 sites cannot be reached from site 'a': 'c'",
    ]);
    expect(coverageIssues(inline().replace('algorithms: [{ name: multi-g-ucb }, ', 'algorithms: [{ name: multi-g-ucb, params: { pathLimit: 1 } }, '))).toEqual([
      "x.yaml: algorithms[0].params.pathLimit: 1 is below the graph's diameter 2; some destinations would be unreachable",
    ]);
    expect(coverageIssues(base.replace('{ type: erdos-renyi, sites: 12, p: 0.4 }', '{ type: file, path: nowhere.yaml }'))).toEqual([
      expect.stringMatching(/^x\.yaml: graph: graph file 'nowhere\.yaml' \(.*nowhere\.yaml\): no such file$/),
    ]);
    expect(coverageIssues(base.replace('robots: { count: 3 }', 'robots: { count: 3 }\nlimits: { maxSites: 10 }'))).toEqual([
      'x.yaml: graph: the graph has 12 sites, more than limits.maxSites = 10',
    ]);
    expect(coverageIssues(base.replace('p: 0.4', 'p: 0.001'))[0]).toMatch(/^x\.yaml: graph: erdosRenyiGraph: no connected G\(12, 0\.001\) in 1000 draws; raise p/);
  });

  it('warns about settings that are legal but suspicious', () => {
    expect(coverageWarnings(loadCoverageText(inline('links: { waypointErasure: 0.5 }')))).toEqual([
      'robots.speed is ignored with motion.model graph-step (every move takes one step)',
      'links.waypointErasure = 0.5: half or more of the waypoint commands are lost',
    ]);
    expect(coverageWarnings(loadCoverageText(base))).toEqual([]);
  });

  it('accepts per-site weight tables and travel times from positions', () => {
    const s = loadCoverageText(inline('weights: { type: table, default: [0, 1, 1.5], sites: { c: [0, 1, 1.2] } }\nmotion: { model: travel-time, stepDuration: 2 }'));
    const w = coverageWorld(s);
    expect([0, 1, 2].map((k) => [0, 1, 2].map((c) => weightAt(w.weights, k, c)))).toEqual([[0, 1, 1.5], [0, 1, 1.5], [0, 1, 1.2]]);
    expect(w.weights.values.length).toBe(2 * 3); // sites a and b share the default's row
    // a-b 30 m and b-c 40 m at 10 m per step
    expect(w.diameter).toBe(7);
  });
});
