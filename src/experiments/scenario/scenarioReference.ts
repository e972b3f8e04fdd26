/**
 * The scenario file reference, generated from the zod schemas (so it cannot drift from what the
 * loader accepts): JSON Schema per family for editors (`fleet-bandits schema FAMILY`), and the
 * Markdown of docs/scenarios.md (`npm run gen:docs`; a test fails when the file is stale).
 */
import { z } from 'zod';
import { waypointGraphSchema } from '../../core/graph/waypointGraphSchema.js';
import { families } from '../families.js';

type JsonSchema = {
  type?: string | string[];
  const?: unknown;
  enum?: unknown[];
  default?: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  minItems?: number;
  maxItems?: number;
  items?: JsonSchema;
  prefixItems?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  description?: string;
  [key: string]: unknown;
};

/** Schemas `schema` can print: one per family, and `graph` for waypoint graph files. */
export function schemaNames(): string[] {
  return [...Object.keys(families), 'graph'];
}

/** JSON Schema (draft 2020-12) of the YAML a user writes: defaults optional, unknown keys rejected. */
export function scenarioJsonSchema(name: string): JsonSchema {
  const isGraph = name === 'graph';
  const schema = isGraph ? waypointGraphSchema : families[name]?.schema;
  if (!schema) throw new Error(`'${name}' has no schema; known: ${schemaNames().join(', ')}`);
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  return {
    ...json,
    title: isGraph ? 'fleet-bandits waypoint graph file' : `fleet-bandits ${name} scenario`,
    description: 'Generated from the zod schemas of fleet-bandits; see docs/scenarios.md.',
  };
}

const MAX_INT = Number.MAX_SAFE_INTEGER;
const code = (v: unknown) => `\`${JSON.stringify(v)}\``;

function typeOf(s: JsonSchema): string {
  if (s.const !== undefined) return code(s.const);
  if (s.enum) return s.enum.map(code).join(' \\| ');
  const variants = s.oneOf ?? s.anyOf;
  if (variants) {
    const keys = variants.map(discriminator);
    if (keys.every((k) => k && k[0] === keys[0]![0])) return `mapping by \`${keys[0]![0]}\`: ${keys.map((k) => code(k![1])).join(' \\| ')}`;
    return variants.map(typeOf).join(' or ');
  }
  if (s.type === 'array') {
    if (s.prefixItems) return `[${s.prefixItems.map(typeOf).join(', ')}]`;
    return `list of ${s.items ? typeOf(s.items) : 'any'}`;
  }
  if (s.type === 'object') return 'mapping';
  return Array.isArray(s.type) ? s.type.join(' \\| ') : (s.type ?? 'any');
}

function rangeOf(s: JsonSchema): string {
  const parts: string[] = [];
  const lo = s.exclusiveMinimum !== undefined ? `> ${s.exclusiveMinimum}` : s.minimum !== undefined && s.minimum > -MAX_INT ? `>= ${s.minimum}` : '';
  const hi = s.exclusiveMaximum !== undefined ? `< ${s.exclusiveMaximum}` : s.maximum !== undefined && s.maximum < MAX_INT ? `<= ${s.maximum}` : '';
  if (lo) parts.push(lo);
  if (hi) parts.push(hi);
  if (s.minLength !== undefined && s.minLength > 0) parts.push('not empty');
  if (!s.prefixItems && (s.minItems !== undefined || s.maxItems !== undefined)) {
    parts.push(`${s.minItems ?? 0}${s.maxItems !== undefined ? `..${s.maxItems}` : '+'} items`);
  }
  if (s.type === 'array' && s.items) {
    const inner = rangeOf(s.items);
    if (inner) parts.push(`each ${inner}`);
  }
  return parts.join(', ');
}

interface Row {
  path: string;
  type: string;
  required: boolean;
  range: string;
  default: string;
}

/** Discriminator of a variant: its property whose schema is a `const`. */
function discriminator(s: JsonSchema): [string, unknown] | undefined {
  for (const [k, p] of Object.entries(s.properties ?? {})) if (p.const !== undefined) return [k, p.const];
  return undefined;
}

function walk(s: JsonSchema, path: string, required: boolean, out: Row[]): void {
  if (path) out.push({ path, type: typeOf(s), required, range: rangeOf(s), default: s.default === undefined ? '' : code(s.default) });
  fields(s, path, out);
  if (s.type === 'array' && s.items) fields(s.items, `${path}[]`, out);
}

/** The fields of a mapping, or of each variant of a union (labelled by its discriminator). */
function fields(s: JsonSchema, prefix: string, out: Row[]): void {
  const variants = s.oneOf ?? s.anyOf;
  if (variants) {
    for (const v of variants) {
      const d = discriminator(v);
      fields({ ...v, oneOf: undefined, anyOf: undefined }, d ? `${prefix} (${d[0]}: ${String(d[1])})` : prefix, out);
    }
    return;
  }
  const d = discriminator(s);
  for (const [key, field] of Object.entries(s.properties ?? {})) {
    if (d && key === d[0] && prefix.endsWith(')')) continue; // already in the variant's label
    walk(field, prefix ? `${prefix}.${key}` : key, (s.required ?? []).includes(key), out);
  }
}

function table(schema: JsonSchema): string {
  const out: Row[] = [];
  fields(schema, '', out);
  const esc = (t: string) => t.replace(/\|/g, '\\|');
  return [
    '| field | type | required | range | default |',
    '|---|---|---|---|---|',
    ...out.map((r) => `| \`${r.path}\` | ${r.type} | ${r.required ? 'yes' : ''} | ${esc(r.range)} | ${r.default} |`),
  ].join('\n');
}

/** An example file per family (path and text), read by the caller. */
export type ScenarioExamples = Record<string, { file: string; text: string }>;

/** docs/scenarios.md. Pure: the caller supplies the example files. */
export function scenarioReferenceMarkdown(examples: ScenarioExamples): string {
  const parts = [
    '# Scenario and graph file reference',
    '',
    '<!-- Generated by `npm run gen:docs` from the zod schemas (src/experiments/*/schema.ts,',
    '     src/core/graph/waypointGraphSchema.ts). Do not edit: test/experiments/scenarioReference.test.ts',
    '     fails when this file is stale. -->',
    '',
    'Every field a scenario file may have, per family: type, whether it is required, the accepted',
    'range and the default. Unknown keys are errors. `a (k: v).b` is field `b` of `a` when `a.k`',
    'is `v`; `a[]` is each item of list `a`. For completion and checking in editors, write the',
    'JSON Schema of a family with `fleet-bandits schema FAMILY > FAMILY.schema.json` and put',
    '`# yaml-language-server: $schema=FAMILY.schema.json` at the top of the scenario file.',
    '',
  ];
  for (const family of Object.keys(families)) {
    parts.push(`## Family \`${family}\``, '', table(scenarioJsonSchema(family)), '');
    const ex = examples[family];
    if (ex) parts.push(`Example (\`${ex.file}\`):`, '', '```yaml', ex.text.trimEnd(), '```', '');
  }
  parts.push(
    '## Waypoint graph files',
    '',
    'A coverage scenario\'s `graph: { type: file, path: FILE }` reads a waypoint graph, relative to',
    'the scenario file: YAML (`.yaml`, `.yml`) with the fields below, or GeoJSON (`.geojson`,',
    '`.json`). The same fields, written under `graph:` with `type: inline`, make an inline graph.',
    '',
    table(scenarioJsonSchema('graph')),
    '',
    'Positions are metres in the map frame (x east, y north, z up).',
    '',
    '### GeoJSON',
    '',
    'A FeatureCollection (RFC 7946): `Point` features are sites (id from `properties.id`, else the',
    'feature `id`), `LineString` features are edges (`properties.from` and `properties.to`, else the',
    'sites at the line\'s end points; length from `properties.length` in metres, else the projected',
    'line length). Coordinates are **[longitude, latitude, altitude m]** by default',
    '(`coordinates: lonlat`), projected to metres east and north of `origin` ([longitude, latitude];',
    'default the first site). With `coordinates: metres` they are taken as map-frame metres as they are.',
    '',
  );
  return parts.join('\n');
}
