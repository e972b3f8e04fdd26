// The coverage world is built once per content: a run loads its file in the CLI and again in its
// nodes, and every node asks for the world; a change that alters the world builds a new one.
import { describe, expect, it } from 'vitest';
import { coverageWorld } from '../../../src/experiments/coverage/CoverageWorld.js';
import type { CoverageScenario } from '../../../src/experiments/coverage/schema.js';
import { withOverrides } from '../../../src/experiments/runExperiment.js';
import { loadScenario } from '../../../src/experiments/scenario/loadScenario.js';

const load = () => loadScenario('sim/scenarios/coverage-quick.yaml').scenario as CoverageScenario;

describe('coverageWorld cache', () => {
  it('shares one world between loads of the same file and horizon overrides, not across seeds', () => {
    const a = load();
    const b = load();
    expect(b).not.toBe(a);
    const world = coverageWorld(a);
    expect(coverageWorld(b)).toBe(world);
    expect(coverageWorld(withOverrides(b, { horizon: 10 }) as CoverageScenario)).toBe(world);
    const reseeded = withOverrides(a, { seed: 99 }) as CoverageScenario;
    const other = coverageWorld(reseeded);
    expect(other).not.toBe(world);
    expect(other.means).not.toEqual(world.means);
  });
});
