/**
 * Reads and validates a scenario file: YAML syntax (with line numbers), family, then the
 * family's strict schema. Every problem is reported at once as a `ScenarioError`.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import type { ScenarioBase } from '../Family.js';
import { families } from '../families.js';
import { ScenarioError, type ScenarioIssue } from './ScenarioError.js';
import { fromZodIssues } from './zodIssues.js';

export interface LoadedScenario {
  scenario: ScenarioBase;
  /** The file it came from (as given), or a label for built-in scenarios. */
  file: string;
  warnings: string[];
}

/** Validate an already parsed document (`file` only labels the errors). */
export function validateScenario(doc: unknown, file: string, baseDir = '.'): LoadedScenario {
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    throw new ScenarioError(file, [{ path: [], message: 'expected a mapping of scenario fields at the top level' }]);
  }
  const family = (doc as { family?: unknown }).family;
  const known = Object.keys(families).join(', ');
  if (family === undefined) throw new ScenarioError(file, [{ path: ['family'], message: `missing field (one of: ${known})` }]);
  const def = typeof family === 'string' ? families[family] : undefined;
  if (!def) throw new ScenarioError(file, [{ path: ['family'], message: `'${String(family)}' is unknown; known: ${known}` }]);
  const parsed = def.schema.safeParse(doc);
  if (!parsed.success) throw new ScenarioError(file, fromZodIssues(parsed.error.issues, doc));
  const scenario = def.prepare ? def.prepare(parsed.data, baseDir, file) : parsed.data;
  return { scenario, file, warnings: def.warnings?.(scenario) ?? [] };
}

/** Parse YAML text; syntax errors carry their line numbers. */
export function parseScenarioText(text: string, file: string, baseDir = '.'): LoadedScenario {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true, lineCounter });
  if (doc.errors.length > 0) {
    const issues: ScenarioIssue[] = doc.errors.map((e) => ({
      path: [],
      line: lineCounter.linePos(e.pos[0]).line,
      message: `YAML syntax error: ${e.message.split('\n')[0]}`,
    }));
    throw new ScenarioError(file, issues);
  }
  return validateScenario(doc.toJS(), file, baseDir);
}

/** Read and validate a scenario file. */
export function loadScenario(file: string): LoadedScenario {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ScenarioError(file, [{ path: [], message: code === 'ENOENT' ? 'no such file' : `cannot read file (${code ?? String(err)})` }]);
  }
  return parseScenarioText(text, file, dirname(resolve(file)));
}
