/**
 * Reads and validates a scenario file: YAML syntax (with line numbers), family, then the
 * family's strict schema. Every problem is reported at once as a `ScenarioError`.
 */
import { dirname, resolve } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { InputFileError } from '../../io/InputFileError.js';
import { readTextBounded } from '../../io/readBounded.js';
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
  // Own properties only: 'toString' or '__proto__' must not find Object.prototype members.
  const def = typeof family === 'string' && Object.hasOwn(families, family) ? families[family] : undefined;
  if (!def) throw new ScenarioError(file, [{ path: ['family'], message: `${typeof family === 'string' ? `'${family}'` : 'a non-string'} is unknown; known: ${known}` }]);
  const parsed = def.schema.safeParse(doc);
  if (!parsed.success) throw new ScenarioError(file, fromZodIssues(parsed.error.issues, doc));
  const scenario = def.prepare ? def.prepare(parsed.data, baseDir, file) : parsed.data;
  return { scenario, file, warnings: def.warnings?.(scenario) ?? [] };
}

/** Alias expansions allowed per document: plenty for sharing a link model, far too few for a bomb. */
export const MAX_ALIAS_COUNT = 1000;

/** Parse YAML text; syntax errors carry their line numbers. */
export function parseScenarioText(text: string, file: string, baseDir = '.'): LoadedScenario {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true, lineCounter, logLevel: 'error' });
  if (doc.errors.length > 0) {
    const issues: ScenarioIssue[] = doc.errors.map((e) => ({
      path: [],
      line: lineCounter.linePos(e.pos[0]).line,
      message: `YAML syntax error: ${e.message.split('\n')[0]}`,
    }));
    throw new ScenarioError(file, issues);
  }
  let value: unknown;
  try {
    // Aliases resolve here, not in the parser: an undefined alias or an alias bomb throws now.
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (err) {
    throw new ScenarioError(file, [{ path: [], message: `YAML: ${(err as Error).message.split('\n')[0]}` }]);
  }
  return validateScenario(value, file, baseDir);
}

/** Read and validate a scenario file. */
export function loadScenario(file: string): LoadedScenario {
  let text: string;
  try {
    text = readTextBounded(file, file);
  } catch (err) {
    if (!(err instanceof InputFileError)) throw err;
    throw new ScenarioError(file, [{ path: [], message: err.reason }]);
  }
  return parseScenarioText(text, file, dirname(resolve(file)));
}
