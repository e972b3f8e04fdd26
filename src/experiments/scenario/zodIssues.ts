/** Turns zod issues into short, field-named scenario issues ("expected X, found Y"). */
import type { z } from 'zod';
import type { ScenarioIssue } from './ScenarioError.js';

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return `'${value}'`;
  if (typeof value === 'object') return 'a mapping';
  return String(value);
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = root;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

export function fromZodIssues(issues: readonly z.core.$ZodIssue[], input: unknown): ScenarioIssue[] {
  const out: ScenarioIssue[] = [];
  for (const issue of issues) {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    const found = valueAt(input, issue.path);
    switch (issue.code) {
      case 'invalid_type':
        out.push({
          path,
          message: found === undefined ? `missing field (expected ${issue.expected})` : `expected ${issue.expected}, found ${describe(found)}`,
        });
        break;
      case 'unrecognized_keys':
        for (const key of issue.keys) out.push({ path: [...path, key], message: `unknown key '${key}'` });
        break;
      case 'invalid_union': {
        const known = (issue as { options?: unknown[] }).options;
        const discriminator = (issue as { discriminator?: string }).discriminator;
        if (known && discriminator) {
          const value = valueAt(input, issue.path);
          const list = known.map(String).join(', ');
          out.push({ path, message: value === undefined ? `missing field (one of: ${list})` : `${describe(value)} is unknown; known: ${list}` });
        } else {
          out.push({ path, message: issue.message });
        }
        break;
      }
      case 'invalid_value':
        out.push({
          path,
          message:
            found === undefined
              ? `missing field (expected one of: ${issue.values.map(String).join(', ')})`
              : `${describe(found)} is not allowed; expected one of: ${issue.values.map(String).join(', ')}`,
        });
        break;
      case 'too_small':
      case 'too_big': {
        const bound = issue.code === 'too_small' ? issue.minimum : issue.maximum;
        const op = issue.code === 'too_small' ? (issue.inclusive ? '>=' : '>') : issue.inclusive ? '<=' : '<';
        const what = issue.origin === 'array' ? 'number of entries' : issue.origin === 'string' ? 'length' : 'value';
        const shown = issue.origin === 'array' && Array.isArray(found) ? found.length : issue.origin === 'string' && typeof found === 'string' ? found.length : describe(found);
        out.push({ path, message: `${what} must be ${op} ${String(bound)}, found ${shown}` });
        break;
      }
      default:
        out.push({ path, message: issue.message });
    }
  }
  return out;
}
