/** The families whose nodes run in rounds (learner -> links -> agents -> monitor). */
import type { ScenarioBase } from '../../experiments/Family.js';
import { banditFamily } from './banditFamily.js';
import { erasureFamily } from './erasureFamily.js';
import type { RoundFamily } from './RoundFamily.js';

const registry: Record<string, RoundFamily> = {
  bandit: banditFamily as unknown as RoundFamily,
  erasure: erasureFamily as unknown as RoundFamily,
};

export function roundFamilyOf(s: ScenarioBase): RoundFamily {
  const f = registry[s.family];
  if (!f) throw new Error(`scenario family '${s.family}' has no round-based nodes; families with them: ${Object.keys(registry).join(', ')}`);
  return f;
}

export function isRoundFamily(family: string): boolean {
  return family in registry;
}

export function registerRoundFamily(family: string, binding: RoundFamily): void {
  registry[family] = binding;
}
