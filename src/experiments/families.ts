/** The registry of scenario families: the one place that lists which families exist. */
import { banditExperiment } from './bandit/banditExperiment.js';
import { banditScenarioSchema, type BanditScenario } from './bandit/schema.js';
import { coverageFamily } from './coverage/coverageFamily.js';
import { dagFamily } from './dag/dagFamily.js';
import { erasureFamily } from './erasure/erasureFamily.js';
import type { FamilyDefinition, ScenarioBase } from './Family.js';
import { multistageFamily } from './multistage/multistageFamily.js';

const bandit: FamilyDefinition<BanditScenario> = {
  schema: banditScenarioSchema,
  experiment: banditExperiment,
  setting: (s) => `K = ${s.arms.means.length} ${s.arms.distribution} arms`,
};

export const families: Readonly<Record<string, FamilyDefinition>> = {
  bandit: bandit as unknown as FamilyDefinition,
  erasure: erasureFamily as unknown as FamilyDefinition,
  coverage: coverageFamily as unknown as FamilyDefinition,
  multistage: multistageFamily as unknown as FamilyDefinition,
  dag: dagFamily as unknown as FamilyDefinition,
};

export function familyOf(scenario: ScenarioBase): FamilyDefinition {
  const def = Object.hasOwn(families, scenario.family) ? families[scenario.family] : undefined;
  if (!def) throw new Error(`scenario family '${scenario.family}' is unknown; known: ${Object.keys(families).join(', ')}`);
  return def;
}
