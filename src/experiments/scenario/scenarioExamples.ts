/** The example of each family in docs/scenarios.md: its shortest scenario file under sim/scenarios/. */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ScenarioExamples } from './scenarioReference.js';

/** The package root: three levels above this module in both src/ and dist/. */
const packageRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

export function scenarioExamples(): ScenarioExamples {
  const dir = join(packageRoot, 'sim', 'scenarios');
  const out: ScenarioExamples = {};
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort()) {
    const text = readFileSync(join(dir, name), 'utf8');
    const family = /^family:\s*([\w-]+)/m.exec(text)?.[1];
    if (family && (!out[family] || text.length < out[family].text.length)) out[family] = { file: `sim/scenarios/${name}`, text };
  }
  return out;
}
