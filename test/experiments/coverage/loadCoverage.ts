// Test helper: validate and prepare a coverage scenario like the loader does, rendering every issue as `file: path: message`.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parse } from 'yaml';
import { prepareCoverageScenario } from '../../../src/experiments/coverage/coverageFamily.js';
import { coverageScenarioSchema, type CoverageScenario } from '../../../src/experiments/coverage/schema.js';
import { formatIssue, ScenarioError } from '../../../src/experiments/scenario/ScenarioError.js';
import { fromZodIssues } from '../../../src/experiments/scenario/zodIssues.js';

export function loadCoverageText(text: string, file = 'x.yaml', baseDir = '.'): CoverageScenario {
  const doc: unknown = parse(text);
  const parsed = coverageScenarioSchema.safeParse(doc);
  if (!parsed.success) throw new ScenarioError(file, fromZodIssues(parsed.error.issues, doc));
  return prepareCoverageScenario(parsed.data, baseDir, file);
}

export function loadCoverageFile(file: string): CoverageScenario {
  return loadCoverageText(readFileSync(file, 'utf8'), file, dirname(resolve(file)));
}

/** The rendered issues of a scenario that must fail. */
export function coverageIssues(text: string, baseDir = '.'): string[] {
  try {
    loadCoverageText(text, 'x.yaml', baseDir);
  } catch (err) {
    if (!(err instanceof ScenarioError)) throw err;
    return err.issues.map((i) => formatIssue('x.yaml', i));
  }
  throw new Error('expected a ScenarioError');
}
