// Import structure of src/: no cycles (imports point down), and the entry points load only what
// they use: `fleet-bandits --help` and a ROS 2 node process start without the plotting library,
// the MCAP writer or the viewer server (start-up time is measured by `npm run bench`).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importCycles, importGraph, srcRoot, staticClosure } from '../helpers/importGraph.js';

const graph = importGraph();
/** Packages only some commands or nodes need; none may load at start-up. */
const HEAVY = ['vega', 'vega-lite', 'ws', '@mcap/core', '@mcap/nodejs', 'cli-progress', 'three', 'rclnodejs'];

describe('import graph of src/', () => {
  it('has no cycles', () => {
    expect(importCycles(graph)).toEqual([]);
  });

  it('finds a cycle and a heavy import when there is one (self-check of the helper)', () => {
    const toy = new Map([
      ['a.ts', { local: ['b.ts'], packages: [] }],
      ['b.ts', { local: ['c.ts'], packages: ['vega'] }],
      ['c.ts', { local: ['a.ts'], packages: [] }],
      ['d.ts', { local: ['a.ts'], packages: [] }],
    ]);
    expect(importCycles(toy)).toEqual([['a.ts', 'b.ts', 'c.ts']]);
    expect([...staticClosure(toy, 'd.ts').packages]).toEqual(['vega']);
  });

  it('lets the CLI start (--help) with commander only: each command imports its work when it runs', () => {
    const { packages, modules } = staticClosure(graph, 'cli/main.ts');
    expect([...packages]).toEqual(['commander']);
    expect([...modules].filter((m) => m.startsWith('experiments/scenario') || m.startsWith('core/'))).toEqual([]);
  });

  it('plans (`fleet-bandits plan`) without the message parser or the CDR codec', () => {
    const { packages, modules } = staticClosure(graph, 'nodes/plan.ts');
    expect([...packages].filter((p) => p.startsWith('@foxglove/'))).toEqual([]);
    expect([...modules].filter((m) => m.startsWith('msg/') && m !== 'msg/definitions.generated.ts')).toEqual([]);
  });

  it('starts a ROS 2 node process without any node program; each program loads without the heavy packages', () => {
    expect([...staticClosure(graph, 'ros/runNode.ts').modules].filter((m) => m.startsWith('nodes/') && m !== 'nodes/executables.ts' && !m.endsWith('NodeProgram.ts'))).toEqual([]);
    const registry = readFileSync(path.join(srcRoot, 'nodes/executables.ts'), 'utf8');
    const programs = [...registry.matchAll(/import\('\.\/([^']+)\.js'\)/g)].map((m) => `nodes/${m[1]}.ts`);
    expect(programs.length).toBeGreaterThanOrEqual(10);
    for (const program of programs) {
      const { packages } = staticClosure(graph, program);
      const allowed = program.endsWith('bridgeNode.ts') ? ['ws'] : program.endsWith('recorderNode.ts') ? ['@mcap/core'] : [];
      expect([...packages].filter((p) => HEAVY.includes(p) && !allowed.includes(p)), program).toEqual([]);
    }
  });
});
