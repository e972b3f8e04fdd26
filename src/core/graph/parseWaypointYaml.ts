/** Parses a waypoint graph from YAML text (the caller reads the file): sites with positions, edges with optional lengths. */
import { LineCounter, parseDocument } from 'yaml';
import type { Graph } from './Graph.js';
import { graphFromSpec } from './graphFromSpec.js';
import { GraphValidationError } from './GraphValidationError.js';
import { normaliseEdge, waypointGraphSchema } from './waypointGraphSchema.js';

/**
 * Format (metres, map frame):
 * ```yaml
 * frame: map
 * sites:
 *   - { id: A1, position: [0, 0, 12] }
 *   - { id: A2, position: [20, 0, 12] }
 * edges:
 *   - [A1, A2]            # length = distance between the positions
 *   - [A2, B1, 31.5]      # explicit length
 *   - { from: A1, to: B1 }
 * ```
 * Syntax errors carry their line; schema and graph errors name the field or site.
 */
export function parseWaypointYaml(text: string, source = 'waypoint graph'): Graph {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true, lineCounter, logLevel: 'error' });
  if (doc.errors.length > 0) {
    throw new GraphValidationError(
      source,
      doc.errors.map((e) => `line ${lineCounter.linePos(e.pos[0]).line}: YAML syntax error: ${e.message.split('\n')[0]}`),
    );
  }
  let value: unknown;
  try {
    // Aliases resolve here: an undefined alias or an alias bomb throws now, not in the parser.
    value = doc.toJS({ maxAliasCount: 1000 });
  } catch (err) {
    throw new GraphValidationError(source, [`YAML: ${(err as Error).message.split('\n')[0]}`]);
  }
  const parsed = waypointGraphSchema.safeParse(value);
  if (!parsed.success) {
    throw new GraphValidationError(
      source,
      parsed.error.issues.map((i) => `${formatPath(i.path)}: ${i.message}`),
    );
  }
  return graphFromSpec({ sites: parsed.data.sites, edges: parsed.data.edges.map(normaliseEdge) }, source);
}

/** `edges[3].from` style; `(top level)` for the document itself. */
function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out === '' ? String(p) : `.${String(p)}`;
  return out === '' ? '(top level)' : out;
}
