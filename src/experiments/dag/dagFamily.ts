/** The DAG consecutive-play family's entry for the registry in `experiments/families.ts`. */
import type { FamilyDefinition } from '../Family.js';
import { dagExperiment } from './dagExperiment.js';
import { dagScenarioSchema, type DagScenario } from './schema.js';

export const dagFamily: FamilyDefinition<DagScenario> = {
  schema: dagScenarioSchema,
  experiment: dagExperiment,
};
