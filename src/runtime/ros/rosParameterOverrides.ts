/**
 * Parameter overrides of one node from the process's `--ros-args` (`--params-file FILE`,
 * `-p [node:]name:=value`), matched to the node the way rclcpp matches them, because rclnodejs
 * 2.2.0 applies only the `/**` block and the block keyed exactly by the bare node name: a block
 * keyed `/agent_3/agent` (what launch_ros writes for a node with a namespace) never reached the
 * node.
 *
 * rcl's rules, emulated here:
 * - every file and `-p` rule goes, in command-line order, into one table keyed by node key
 *   (as written: `/**`, `learner`, `/ns/learner`, `/ns/*`); a key keeps the position of its first
 *   appearance and a later value of the same parameter under the same key replaces the earlier;
 *   nested keys (`ns: {learner: {ros__parameters: ...}}`) join with `/`; nested parameter maps
 *   flatten with `.`; `-p name:=v` goes under `/**`.
 * - rclcpp then walks the keys in that order and applies every key that matches the node's fully
 *   qualified name, later keys overriding earlier ones. A key without a leading `/` gets one (so a
 *   bare `learner` means `/learner`, root namespace only); `/*` matches one name token and `/**`
 *   any number of tokens (rclcpp: `/*` -> `(/\w+)`, so `/**` becomes `(/\w+)*`).
 */
import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';

/** Parameters per node key, in rcl's order (first appearance of a key), values as plain JS. */
export type OverrideTable = Map<string, Map<string, unknown>>;

/** A params file or `-p` rule that cannot be read; names the file and the field. */
export class RosArgumentsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RosArgumentsError';
  }
}

/** `--ros-args` flags followed by a value that carries no parameters (skipped). */
const VALUED_FLAGS = new Set(['-r', '--remap', '-e', '--enclave', '--log-level', '--log-config-file']);

/**
 * The override table of `argv`: every `--params-file` and `-p` inside `--ros-args ... [--]`
 * sections, in order. Reads the files (rcl has parsed them already when this runs, so a failure
 * here is unexpected, but it still names the file).
 */
export function overrideTable(argv: readonly string[], readFile: (path: string) => string = (p) => readFileSync(p, 'utf8')): OverrideTable {
  const table: OverrideTable = new Map();
  let inRos = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--ros-args') {
      inRos = true;
      continue;
    }
    if (a === '--') {
      inRos = false;
      continue;
    }
    if (!inRos) continue;
    if (a === '--params-file') {
      const file = argv[++i];
      if (file === undefined) throw new RosArgumentsError("--params-file needs a file name");
      addParamsFile(table, file, readFile);
    } else if (a === '-p' || a === '--param') {
      const rule = argv[++i];
      if (rule === undefined) throw new RosArgumentsError(`${a} needs a rule name:=value`);
      addParamRule(table, rule);
    } else if (VALUED_FLAGS.has(a)) {
      i++;
    }
  }
  return table;
}

function put(table: OverrideTable, key: string, name: string, value: unknown): void {
  let params = table.get(key);
  if (!params) {
    params = new Map();
    table.set(key, params);
  }
  params.set(name, value);
}

/** A YAML value as node programs see it: integers (bigint from the YAML parser) as numbers. */
function plain(value: unknown): unknown {
  if (typeof value === 'bigint') return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(value) : value;
  if (Array.isArray(value)) return value.map(plain);
  return value;
}

function addParamRule(table: OverrideTable, rule: string): void {
  const at = rule.indexOf(':=');
  if (at <= 0) throw new RosArgumentsError(`-p rule '${rule}' is not name:=value`);
  const left = rule.slice(0, at);
  const colon = left.lastIndexOf(':');
  const key = colon < 0 ? '/**' : left.slice(0, colon);
  const name = colon < 0 ? left : left.slice(colon + 1);
  const doc = parseDocument(rule.slice(at + 2), { intAsBigInt: true });
  if (doc.errors.length > 0) throw new RosArgumentsError(`-p rule '${rule}': ${doc.errors[0].message}`);
  put(table, key, name, plain(doc.toJS()));
}

function addParamsFile(table: OverrideTable, file: string, readFile: (path: string) => string): void {
  let text: string;
  try {
    text = readFile(file);
  } catch (err) {
    throw new RosArgumentsError(`params file '${file}' cannot be read: ${err instanceof Error ? err.message : String(err)}`);
  }
  const doc = parseDocument(text, { intAsBigInt: true });
  if (doc.errors.length > 0) throw new RosArgumentsError(`params file '${file}': ${doc.errors[0].message}`);
  const root = doc.toJS() as unknown;
  if (root === null || root === undefined) return;
  if (!isMap(root)) throw new RosArgumentsError(`params file '${file}': top level must map node names to ros__parameters`);
  const walk = (path: string[], node: Record<string, unknown>) => {
    for (const [k, v] of Object.entries(node)) {
      if (k === 'ros__parameters') {
        if (path.length === 0) throw new RosArgumentsError(`params file '${file}': ros__parameters needs a node name above it`);
        if (v === null) continue;
        if (!isMap(v)) throw new RosArgumentsError(`params file '${file}': ${path.join('/')}.ros__parameters must be a map`);
        flatten(joinKey(path), '', v);
      } else if (isMap(v)) {
        walk([...path, k], v);
      } else {
        throw new RosArgumentsError(`params file '${file}': '${[...path, k].join('/')}' has no ros__parameters`);
      }
    }
  };
  const flatten = (key: string, prefix: string, params: Record<string, unknown>) => {
    for (const [k, v] of Object.entries(params)) {
      const name = prefix === '' ? k : `${prefix}.${k}`;
      if (isMap(v)) flatten(key, name, v);
      else put(table, key, name, plain(v));
    }
  };
  walk([], root);
}

function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Node key of nested keys: ['/fleet1', 'learner'] -> '/fleet1/learner'. */
function joinKey(path: string[]): string {
  return path.map((p, i) => (i === 0 ? p.replace(/\/+$/, '') : p.replace(/^\/+|\/+$/g, ''))).join('/');
}

/** Whether a params-file node key applies to the node `fqn` (`/ns/name`), as rclcpp decides. */
export function nodeKeyMatches(key: string, fqn: string): boolean {
  const absolute = key.startsWith('/') ? key : `/${key}`;
  // Escape everything regex-special except `*`, then rclcpp's substitution `/*` -> `(/\w+)`;
  // a `*` left over (from `/**`) quantifies the group, as in rclcpp.
  const escaped = absolute.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  const pattern = escaped.split('/*').join('(/\\w+)');
  try {
    return new RegExp(`^(?:${pattern})$`).test(fqn);
  } catch {
    return false; // a key rclcpp's regex would reject matches no node
  }
}

/** The overrides that apply to node `fqn`: matching keys in table order, later ones winning. */
export function overridesFor(table: OverrideTable, fqn: string): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, params] of table) {
    if (!nodeKeyMatches(key, fqn)) continue;
    for (const [name, value] of params) out.set(name, value);
  }
  return out;
}
