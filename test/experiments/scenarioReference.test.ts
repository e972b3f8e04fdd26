// docs/scenarios.md is generated from the zod schemas; this fails when it is stale (fix: npm run gen:docs).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { families } from '../../src/experiments/families.js';
import { scenarioExamples } from '../../src/experiments/scenario/scenarioExamples.js';
import { scenarioJsonSchema, scenarioReferenceMarkdown, schemaNames } from '../../src/experiments/scenario/scenarioReference.js';
import { repoRoot } from '../helpers/cli.js';

describe('scenario reference', () => {
  const markdown = scenarioReferenceMarkdown(scenarioExamples());

  it('docs/scenarios.md is current (regenerate with npm run gen:docs)', () => {
    expect(readFileSync(join(repoRoot, 'docs/scenarios.md'), 'utf8')).toBe(markdown);
  });

  it('has a section, every top-level field and an example per family, and the graph file formats', () => {
    for (const [name, def] of Object.entries(families)) {
      const section = markdown.split(`## Family \`${name}\``)[1]?.split('\n## ')[0] ?? '';
      expect(section, name).not.toBe('');
      const shape = (def.schema as unknown as { shape: Record<string, unknown> }).shape;
      for (const key of Object.keys(shape)) expect(section, `${name}.${key}`).toContain(`| \`${key}\` |`);
      expect(section).toContain('```yaml');
    }
    expect(markdown).toContain('| `sites[].id` |');
    expect(markdown).toContain('[longitude, latitude, altitude m]');
  });

  it('gives ranges and defaults from the schema', () => {
    expect(markdown).toContain('| `runs` | integer |  | >= 1, <= 100000 | `10` |');
    expect(markdown).toContain('| `agents.groups[].eps` | number |  | >= 0, < 1 |  |');
  });

  it('exports a strict JSON Schema per family for editors', () => {
    expect(schemaNames()).toEqual([...Object.keys(families), 'graph']);
    const s = scenarioJsonSchema('erasure') as { $schema: string; additionalProperties: boolean; required: string[]; properties: Record<string, unknown> };
    expect(s.$schema).toContain('2020-12');
    expect(s.additionalProperties).toBe(false);
    expect(s.required).toEqual(expect.arrayContaining(['name', 'family', 'horizon', 'arms', 'agents', 'algorithms']));
    expect(s.required).not.toContain('seed'); // has a default: optional in the file
    expect(() => scenarioJsonSchema('nope')).toThrow("'nope' has no schema; known: ");
  });
});
