/** The setting of a scenario in a few words, for plot subtitles: the family's own, if it has one. */
import type { ScenarioBase } from './Family.js';
import { families } from './families.js';

/** '' for a family without a setting or outside the registry (plans built by hand, e.g. the viewer's test worlds). */
export function settingOf(scenario: ScenarioBase): string {
  const family = Object.hasOwn(families, scenario.family) ? families[scenario.family] : undefined;
  return family?.setting?.(scenario) ?? '';
}
