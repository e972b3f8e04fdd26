// Erdos-Renyi generator: connected, reproducible from its stream, clear error when p is hopeless.
import { describe, expect, it } from 'vitest';
import { erdosRenyiGraph } from '../../../src/core/graph/erdosRenyiGraph.js';
import { Rng } from '../../../src/core/random.js';

describe('erdosRenyiGraph', () => {
  it('draws a connected graph, the same one for the same stream', () => {
    const a = erdosRenyiGraph(60, 0.1, new Rng(3).stream('graph'));
    const b = erdosRenyiGraph(60, 0.1, new Rng(3).stream('graph'));
    const c = erdosRenyiGraph(60, 0.1, new Rng(4).stream('graph'));
    expect(a.size).toBe(60);
    expect([...a.neighbors]).toEqual([...b.neighbors]);
    expect([...a.neighbors]).not.toEqual([...c.neighbors]);
    // about p K (K-1) / 2 = 177 edges
    expect(a.edgeCount).toBeGreaterThan(120);
    expect(a.edgeCount).toBeLessThan(240);
  });

  it('says to raise p when no connected draw comes', () => {
    expect(() => erdosRenyiGraph(50, 0.001, new Rng(1), { maxAttempts: 20 })).toThrow(/no connected G\(50, 0\.001\) in 20 draws; raise p/);
    expect(() => erdosRenyiGraph(5, 1.5, new Rng(1))).toThrow(/p must be a probability/);
  });
});
