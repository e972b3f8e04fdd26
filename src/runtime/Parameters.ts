/**
 * Declared node parameters: types, defaults, ranges and read-only flags, validated the same way
 * on both transports; plus parsing of `--ros-args -p name:=value` overrides.
 */

export type ParameterType = 'bool' | 'integer' | 'double' | 'string' | 'bool_array' | 'integer_array' | 'double_array' | 'string_array';
export type ParameterValue = boolean | number | string | boolean[] | number[] | string[];

export interface ParameterDescriptor {
  name: string;
  type: ParameterType;
  /** The value used when nothing overrides it. */
  default: ParameterValue;
  /** One line for `ros2 param describe`: what it is, with units. */
  description: string;
  /** Inclusive numeric range (integer and double parameters, and their arrays element-wise). */
  range?: { min: number; max: number };
  /** Set only at start-up (declaration or override), never at run time. */
  readOnly?: boolean;
}

export interface SetParameterResult {
  successful: boolean;
  reason: string;
}

/** Why `value` does not fit `d` (naming the parameter), or null if it does. */
export function parameterProblem(d: ParameterDescriptor, value: unknown): string | null {
  const scalar = d.type.replace('_array', '');
  const isArray = d.type.endsWith('_array');
  const items: unknown[] = isArray ? (Array.isArray(value) ? value : [Symbol('not-array')]) : [value];
  for (const v of items) {
    const ok =
      scalar === 'bool' ? typeof v === 'boolean'
      : scalar === 'integer' ? typeof v === 'number' && Number.isSafeInteger(v)
      : scalar === 'double' ? typeof v === 'number' && !Number.isNaN(v)
      : typeof v === 'string';
    if (!ok) return `parameter '${d.name}' must be of type ${d.type}, found ${JSON.stringify(value) ?? String(value)}`;
    if (d.range && typeof v === 'number' && (v < d.range.min || v > d.range.max)) {
      return `cannot set '${d.name}' to ${v}: must be in [${d.range.min}, ${d.range.max}]`;
    }
  }
  return null;
}

/**
 * Why a run-time change of `name` to `value` is refused before any node check (not declared,
 * read-only, wrong type or range), or null. Both transports apply it, so the reasons match.
 */
export function parameterChangeProblem(d: ParameterDescriptor | undefined, name: string, value: unknown): string | null {
  if (!d) return `parameter '${name}' is not declared`;
  if (d.readOnly) return `parameter '${name}' is read-only`;
  return parameterProblem(d, value);
}

/** Parses a `name:=value` override value the way ROS 2 reads it (YAML scalars and flow lists). */
export function parseParameterLiteral(text: string): ParameterValue {
  const t = text.trim();
  if (t === 'true' || t === 'True') return true;
  if (t === 'false' || t === 'False') return false;
  if (/^[-+]?\d+$/.test(t)) return Number(t);
  if (/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(t)) return Number(t);
  if (t.startsWith('[') && t.endsWith(']')) {
    const inner = t.slice(1, -1).trim();
    if (inner === '') return [];
    const parts = inner.split(',').map((p) => parseParameterLiteral(p));
    return parts as ParameterValue;
  }
  return t.replace(/^(['"])(.*)\1$/, '$2');
}

export interface RosArgs {
  parameters: Map<string, ParameterValue>;
  remappings: Map<string, string>;
  nodeName?: string;
  namespace?: string;
  paramsFiles: string[];
  logLevel?: string;
  /** Arguments outside `--ros-args ... --`. */
  rest: string[];
}

/** Parses `--ros-args -p a:=1 -r from:=to -r __ns:=/x -r __node:=y --params-file f --log-level l --`. */
export function parseRosArgs(argv: readonly string[]): RosArgs {
  const out: RosArgs = { parameters: new Map(), remappings: new Map(), paramsFiles: [], rest: [] };
  let inRos = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--ros-args') { inRos = true; continue; }
    if (inRos && a === '--') { inRos = false; continue; }
    if (!inRos) { out.rest.push(a); continue; }
    const next = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`--ros-args: '${a}' needs a value`);
      return v;
    };
    if (a === '-p' || a === '--param') {
      const rule = next();
      const at = rule.indexOf(':=');
      if (at <= 0) throw new Error(`--ros-args: parameter rule '${rule}' must look like name:=value`);
      out.parameters.set(rule.slice(0, at), parseParameterLiteral(rule.slice(at + 2)));
    } else if (a === '-r' || a === '--remap') {
      const rule = next();
      const at = rule.indexOf(':=');
      if (at <= 0) throw new Error(`--ros-args: remapping rule '${rule}' must look like from:=to`);
      const from = rule.slice(0, at);
      const to = rule.slice(at + 2);
      if (from === '__ns') out.namespace = to;
      else if (from === '__node' || from === '__name') out.nodeName = to;
      else out.remappings.set(from, to);
    } else if (a === '--params-file') {
      out.paramsFiles.push(next());
    } else if (a === '--log-level') {
      out.logLevel = next();
    } else {
      throw new Error(`--ros-args: unknown argument '${a}'`);
    }
  }
  return out;
}
