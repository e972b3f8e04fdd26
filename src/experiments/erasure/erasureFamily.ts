/** The erasure family's entry for the registry in `experiments/families.ts`. */
import type { FamilyDefinition } from '../Family.js';
import { erasureExperiment } from './erasureExperiment.js';
import { erasureScenarioWarnings } from './erasureScenarioWarnings.js';
import { erasureScenarioSchema, type ErasureScenario } from './schema.js';

export const erasureFamily: FamilyDefinition<ErasureScenario> = {
  schema: erasureScenarioSchema,
  experiment: erasureExperiment,
  warnings: erasureScenarioWarnings,
};
