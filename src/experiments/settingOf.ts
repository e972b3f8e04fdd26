/** The setting of a scenario in a few words, for plot subtitles: the family's own, if it has one. */
import type { ScenarioBase } from './Family.js';
import { familyOf } from './families.js';

export function settingOf(scenario: ScenarioBase): string {
  return familyOf(scenario).setting?.(scenario) ?? '';
}
