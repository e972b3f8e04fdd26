/** The erasure family's entry for the registry in `experiments/families.ts`. */
import type { FamilyDefinition } from '../Family.js';
import { valueRange } from '../valueRange.js';
import { erasureExperiment } from './erasureExperiment.js';
import { erasureScenarioWarnings } from './erasureScenarioWarnings.js';
import { erasureScenarioSchema, type ErasureScenario } from './schema.js';

/** `M = 20, K = 10, eps = 0.9-0.99`; links without an eps are named by channel type. */
export function erasureSetting(s: ErasureScenario): string {
  const entries = s.agents.groups ?? s.agents.list?.map((a) => ({ ...a, count: 1 })) ?? [];
  const eps = entries.flatMap((e) => (e.eps === undefined ? [] : [e.eps]));
  const others = [...new Set(entries.filter((e) => e.eps === undefined).map((e) => e.channel?.type ?? 'erasure'))];
  const parts = [`M = ${entries.reduce((n, e) => n + e.count, 0)}`, `K = ${s.arms.means.length}`];
  if (eps.length > 0) parts.push(`eps = ${valueRange(eps)}`);
  if (others.length > 0) parts.push(`${others.join('/')} links`);
  return parts.join(', ');
}

export const erasureFamily: FamilyDefinition<ErasureScenario> = {
  schema: erasureScenarioSchema,
  experiment: erasureExperiment,
  warnings: erasureScenarioWarnings,
  setting: erasureSetting,
};
