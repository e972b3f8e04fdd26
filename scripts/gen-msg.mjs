// Generates src/msg/definitions.generated.ts (message texts, TS interfaces, type map) from msg/*.msg.
//
// Usage:
//   node scripts/gen-msg.mjs            write src/msg/definitions.generated.ts
//   node scripts/gen-msg.mjs --check    exit 1 if the file on disk is out of date with msg/
//   node scripts/gen-msg.mjs --stdout   print the generated module instead of writing it
//
// Inputs: every msg/*.msg of the ROS package `fleet_bandits_msgs`, plus the standard types they (and
// COMMON_ROOTS below) reference, read as .msg text from @foxglove/rosmsg-msgs-common's
// `msgdefs/ros2humble/<pkg>/msg/<Type>.msg` (only the top-level part of each file is used; its
// dependency sections are recomputed here), or, for packages it lacks (px4_msgs), from
// interfaces/<pkg>/msg/<Type>.msg. Services (SERVICE_ROOTS, from interfaces/<pkg>/srv/<Type>.srv)
// become two message types, `<pkg>/srv/<Type>_Request` and `_Response`, as rosidl names them, so
// the codec (strict mode) and rclnodejs see the same structures. The output embeds the texts, so
// the runtime (and a browser bundle) needs neither the .msg files nor rosmsg-msgs-common.
//
// Every .msg is parsed with @foxglove/rosmsg (ros2: true) and its names are checked against the
// rosidl regexes, so a bad file fails generation with the file and line named.
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { parse } from '@foxglove/rosmsg';

const PACKAGE = 'fleet_bandits_msgs';
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const MSG_DIR = path.join(ROOT, 'msg');
const OUT_FILE = path.join(ROOT, 'src', 'msg', 'definitions.generated.ts');
const DISTRO = 'ros2humble';

/**
 * Standard types the codec supports besides those our .msg files reference (their dependencies
 * are pulled in automatically): what nodes publish for robots, bags and Foxglove/RViz.
 */
const COMMON_ROOTS = [
  'builtin_interfaces/msg/Duration',
  'builtin_interfaces/msg/Time',
  'diagnostic_msgs/msg/DiagnosticArray',
  'geometry_msgs/msg/Point',
  'geometry_msgs/msg/Pose',
  'geometry_msgs/msg/PoseArray',
  'geometry_msgs/msg/PoseStamped',
  'geometry_msgs/msg/Quaternion',
  'geometry_msgs/msg/TransformStamped',
  'geometry_msgs/msg/Twist',
  'geometry_msgs/msg/TwistStamped',
  'geometry_msgs/msg/Vector3',
  'nav_msgs/msg/Odometry',
  'nav_msgs/msg/Path',
  // Sensors a site_sensor node reads a field of.
  'sensor_msgs/msg/FluidPressure',
  'sensor_msgs/msg/Illuminance',
  'sensor_msgs/msg/Range',
  'sensor_msgs/msg/RelativeHumidity',
  'sensor_msgs/msg/Temperature',
  'std_msgs/msg/ColorRGBA',
  'std_msgs/msg/Float64',
  'std_msgs/msg/Header',
  'std_msgs/msg/String',
  'tf2_msgs/msg/TFMessage',
  'visualization_msgs/msg/MarkerArray',
  // Drone adapters: PX4 over uXRCE-DDS (definitions bundled under interfaces/px4_msgs).
  'px4_msgs/msg/OffboardControlMode',
  'px4_msgs/msg/TrajectorySetpoint',
  'px4_msgs/msg/VehicleCommand',
  'px4_msgs/msg/VehicleLocalPosition',
  'px4_msgs/msg/VehicleStatus',
];

/** Services the adapters call (definitions bundled under interfaces/<pkg>/srv). */
const SERVICE_ROOTS = [
  // Crazyswarm2's crazyflie_server, per Crazyflie.
  'crazyflie_interfaces/srv/GoTo',
  'crazyflie_interfaces/srv/Land',
  'crazyflie_interfaces/srv/Takeoff',
];

/**
 * Interfaces of packages outside rosmsg-msgs-common (px4_msgs, ...), written for this package in
 * interfaces/<pkg>/msg/<Type>.msg with the field layout of the release named in each file.
 */
const BUNDLED_DIR = path.join(ROOT, 'interfaces');

/** rosidl_adapter/parser.py naming rules (ros2.md section 2.2). */
export const NAMING = {
  type: /^[A-Z][A-Za-z0-9]*$/,
  field: /^(?!.*__)(?!.*_$)[a-z][a-z0-9_]*$/,
  constant: /^[A-Z]([A-Z0-9_]?[A-Z0-9]+)*$/,
};

const PRIMITIVES = new Set([
  'bool', 'byte', 'char', 'float32', 'float64', 'int8', 'uint8', 'int16', 'uint16', 'int32',
  'uint32', 'int64', 'uint64', 'string', 'wstring',
]);

const TS_PRIMITIVE = {
  bool: 'boolean',
  byte: 'number',
  char: 'number',
  float32: 'number',
  float64: 'number',
  int8: 'number',
  uint8: 'number',
  int16: 'number',
  uint16: 'number',
  int32: 'number',
  uint32: 'number',
  int64: 'number',
  uint64: 'number',
  string: 'string',
  wstring: 'string',
};

/** Element types whose arrays are byte blobs, typed `Uint8Array` (as rclnodejs and the CDR reader do). */
const BYTE_ELEMENTS = new Set(['byte', 'char', 'uint8']);

const SEPARATOR_LINE = /^={10,}\s*$/m;

/** `std_msgs/Header` or `std_msgs/msg/Header` -> `std_msgs/msg/Header`; bare `Edge` -> `<context>/msg/Edge`. */
function canonicalType(raw, contextPackage) {
  const parts = raw.split('/');
  if (parts.length === 1) return `${contextPackage}/msg/${parts[0]}`;
  if (parts.length === 2) return `${parts[0]}/msg/${parts[1]}`;
  if (parts.length === 3 && parts[1] === 'msg') return raw;
  throw new Error(`unsupported type name '${raw}'; expected 'Type', 'pkg/Type' or 'pkg/msg/Type'`);
}

/**
 * `geometry_msgs/msg/PoseStamped` -> `GeometryMsgsPoseStamped`, `crazyflie_interfaces/srv/GoTo_Request`
 * -> `CrazyflieInterfacesGoToRequest`; our own package keeps bare names.
 */
function interfaceName(type) {
  const [pkg, , rawName] = type.split('/');
  const name = rawName.replace('_', '');
  if (pkg === PACKAGE) return name;
  const prefix = pkg
    .split('_')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');
  return prefix + name;
}

/** Index of the `#` that starts a comment, ignoring `#` inside quoted string literals; -1 if none. */
function commentStart(line) {
  let quote = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote !== '') {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === '#') {
      return i;
    }
  }
  return -1;
}

/**
 * Splits one .msg text into its fields and constants, with the comment block above each line and
 * its trailing comment as documentation. Syntax is checked by @foxglove/rosmsg; this pass only
 * recovers what that parser drops (comments, the raw type name, `builtin_interfaces/Time`).
 */
function scanMsg(text, where) {
  const doc = [];
  const entries = [];
  let pending = [];
  let seenEntry = false;
  let headerDone = false;
  const lines = text.split('\n');
  lines.forEach((rawLine, index) => {
    const line = rawLine.trim();
    if (line === '') {
      if (!seenEntry && !headerDone && pending.length > 0) {
        doc.push(...pending);
        headerDone = true;
      }
      pending = [];
      return;
    }
    if (line.startsWith('#')) {
      pending.push(line.replace(/^#+ ?/, ''));
      return;
    }
    const hash = commentStart(line);
    const body = (hash >= 0 ? line.slice(0, hash) : line).trim();
    const trailing = hash >= 0 ? line.slice(hash).replace(/^#+ ?/, '').trim() : '';
    const match = /^([A-Za-z0-9_/]+)(<=\d+)?(\[(<=)?(\d*)\])?\s+([A-Za-z0-9_]+)\s*(=.*)?/.exec(body);
    if (!match) throw new Error(`${where}:${index + 1}: cannot parse line '${line}'`);
    const [, rawType, , arraySuffix, bounded, size, name, constant] = match;
    entries.push({
      name,
      rawType,
      isConstant: constant !== undefined,
      isArray: arraySuffix !== undefined,
      fixedLength: arraySuffix !== undefined && bounded === undefined && size !== '' ? Number(size) : undefined,
      doc: [...pending, ...(trailing !== '' ? [trailing] : [])],
      line: index + 1,
    });
    seenEntry = true;
    pending = [];
  });
  return { doc, entries };
}

/** Top-level part of a rosmsg-msgs-common file (before its first `====` dependency section). */
function topLevelText(fileText) {
  const normalized = fileText.replace(/\r\n?/g, '\n');
  const match = SEPARATOR_LINE.exec(normalized);
  return match ? normalized.slice(0, match.index) : normalized;
}

/** Exactly one trailing newline, as rosbag2 reads a .msg file (most files end with one). */
function normalizeText(text) {
  return text.replace(/\r\n?/g, '\n').replace(/\s+$/, '') + '\n';
}

function commonMsgDir() {
  const require = createRequire(import.meta.url);
  const pkgJson = require.resolve('@foxglove/rosmsg-msgs-common/package.json');
  return path.join(path.dirname(pkgJson), 'msgdefs', DISTRO);
}

/** Loads and checks one message; returns the record the generator emits. */
function loadMessage(type, text, where) {
  const [pkg, , name] = type.split('/');
  const { doc, entries } = scanMsg(text, where);
  if (pkg === PACKAGE) {
    if (!NAMING.type.test(name)) throw new Error(`${where}: type name '${name}' does not match ${NAMING.type}`);
    for (const entry of entries) {
      const rule = entry.isConstant ? NAMING.constant : NAMING.field;
      if (!rule.test(entry.name)) {
        throw new Error(`${where}:${entry.line}: ${entry.isConstant ? 'constant' : 'field'} name '${entry.name}' does not match ${rule}`);
      }
    }
  }
  let parsed;
  try {
    parsed = parse(text, { ros2: true, skipTypeFixup: true });
  } catch (error) {
    throw new Error(`${where}: @foxglove/rosmsg cannot parse it: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (parsed.length !== 1) throw new Error(`${where}: expected one definition, found ${parsed.length}`);
  const byName = new Map(parsed[0].definitions.map((d) => [d.name, d]));
  const fields = [];
  const constants = [];
  const dependencies = [];
  const nanOk = [];
  const infOk = [];
  for (const entry of entries) {
    const definition = byName.get(entry.name);
    if (definition === undefined) throw new Error(`${where}:${entry.line}: '${entry.name}' missing from the parsed definition`);
    if (entry.isConstant) {
      constants.push({ name: entry.name, value: definition.value, doc: entry.doc });
      continue;
    }
    const complex = !PRIMITIVES.has(entry.rawType);
    const fieldType = complex ? canonicalType(entry.rawType, pkg) : entry.rawType;
    if (complex && !dependencies.includes(fieldType)) dependencies.push(fieldType);
    const text = entry.doc.join(' ');
    if (text.includes('[nan-ok]')) nanOk.push(entry.name);
    if (text.includes('[inf-ok]')) infOk.push(entry.name);
    fields.push({ name: entry.name, type: fieldType, complex, isArray: entry.isArray, fixedLength: entry.fixedLength, doc: entry.doc });
  }
  return { type, text, doc, fields, constants, dependencies, nanOk, infOk };
}

/** Reads msg/ and the common roots, resolving dependencies transitively. */
export function loadAll(msgDir = MSG_DIR) {
  const messages = new Map();
  const files = readdirSync(msgDir).filter((f) => f.endsWith('.msg')).sort();
  if (files.length === 0) throw new Error(`no .msg files in ${msgDir}`);
  for (const file of files) {
    const type = `${PACKAGE}/msg/${file.slice(0, -'.msg'.length)}`;
    const text = normalizeText(readFileSync(path.join(msgDir, file), 'utf8'));
    messages.set(type, loadMessage(type, text, `msg/${file}`));
  }
  const services = [];
  for (const service of SERVICE_ROOTS) {
    const [pkg, , name] = service.split('/');
    const where = `interfaces/${pkg}/srv/${name}.srv`;
    const file = path.join(BUNDLED_DIR, pkg, 'srv', `${name}.srv`);
    if (!existsSync(file)) throw new Error(`${service} is listed in SERVICE_ROOTS but ${where} does not exist`);
    const parts = readFileSync(file, 'utf8').replace(/\r\n?/g, '\n').split(/^---[ \t]*$/m);
    if (parts.length !== 2) throw new Error(`${where}: expected one '---' line between request and response, found ${parts.length - 1}`);
    parts.forEach((part, i) => {
      const type = `${service}_${i === 0 ? 'Request' : 'Response'}`;
      messages.set(type, loadMessage(type, normalizeText(part), `${where} (${i === 0 ? 'request' : 'response'})`));
    });
    services.push(service);
  }
  const commonDir = commonMsgDir();
  const queue = [...COMMON_ROOTS, ...[...messages.values()].flatMap((m) => m.dependencies)];
  while (queue.length > 0) {
    const type = queue.shift();
    if (messages.has(type)) continue;
    const [pkg, kind, name] = type.split('/');
    if (kind !== 'msg') throw new Error(`${type} is referenced but only message types can be fields`);
    if (pkg === PACKAGE) throw new Error(`${type} is referenced but msg/${name}.msg does not exist`);
    const bundled = path.join(BUNDLED_DIR, pkg, 'msg', `${name}.msg`);
    if (existsSync(bundled)) {
      const message = loadMessage(type, normalizeText(readFileSync(bundled, 'utf8')), `interfaces/${pkg}/msg/${name}.msg`);
      messages.set(type, message);
      queue.push(...message.dependencies);
      continue;
    }
    const file = path.join(commonDir, pkg, 'msg', `${name}.msg`);
    if (!existsSync(file)) {
      throw new Error(`${type} is referenced but @foxglove/rosmsg-msgs-common has no ${DISTRO} definition for it (looked for ${file})`);
    }
    const text = normalizeText(topLevelText(readFileSync(file, 'utf8')));
    const message = loadMessage(type, text, `${DISTRO}/${pkg}/msg/${name}.msg`);
    messages.set(type, message);
    queue.push(...message.dependencies);
  }
  return { messages, services };
}

function jsdoc(lines, indent) {
  const cleaned = lines.map((l) => l.replace(/\*\//g, '*\\/')).filter((l) => l.trim() !== '');
  if (cleaned.length === 0) return '';
  if (cleaned.length === 1) return `${indent}/** ${cleaned[0]} */\n`;
  return `${indent}/**\n${cleaned.map((l) => `${indent} * ${l}`.trimEnd()).join('\n')}\n${indent} */\n`;
}

function templateLiteral(text) {
  return '`' + text.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${') + '`';
}

function tsFieldType(field) {
  const element = field.complex ? interfaceName(field.type) : TS_PRIMITIVE[field.type];
  if (!field.isArray) return element;
  if (!field.complex && BYTE_ELEMENTS.has(field.type)) return 'Uint8Array';
  return `${element}[]`;
}

function constantLiteral(value) {
  if (typeof value === 'bigint') {
    if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) return `${value}n`;
    return String(Number(value));
  }
  if (typeof value === 'string') return JSON.stringify(value).replace(/'/g, "\\'");
  return String(value);
}

/** The generated module's text. */
export function generate(msgDir = MSG_DIR) {
  const { messages, services } = loadAll(msgDir);
  const ours = [...messages.keys()].filter((t) => t.startsWith(`${PACKAGE}/`)).sort();
  const common = [...messages.keys()].filter((t) => !t.startsWith(`${PACKAGE}/`)).sort();
  const ordered = [...ours, ...common];
  const out = [];
  out.push(
    '// Generated by scripts/gen-msg.mjs from msg/*.msg and @foxglove/rosmsg-msgs-common (ros2humble); do not edit, run `node scripts/gen-msg.mjs`.',
    '//',
    '// Field names are the wire names (snake_case). Representation: int64/uint64 fields are `number`',
    '// (safe integers; the codec converts to and from `bigint` at the CDR boundary), numeric arrays',
    '// are `number[]`, byte arrays (uint8/byte/char) are `Uint8Array`, builtin_interfaces Time and',
    '// Duration are `{ sec, nanosec }`.',
    '',
    '/** Where a message type comes from: its .msg text and what the codec needs to know about it. */',
    'export interface MessageSource {',
    '  /** The .msg text as written (comments kept), ending in one newline. */',
    '  readonly text: string;',
    '  /** Message types its fields reference directly, canonical `pkg/msg/Type`, in field order. */',
    '  readonly dependencies: readonly string[];',
    '  /** float fields where NaN is a meaningful value (marked `[nan-ok]` in the .msg). */',
    '  readonly nanOk: readonly string[];',
    '  /** float fields where +-infinity is a meaningful value (marked `[inf-ok]` in the .msg). */',
    '  readonly infOk: readonly string[];',
    '}',
    '',
  );

  for (const type of ordered) {
    const m = messages.get(type);
    const name = interfaceName(type);
    out.push(jsdoc([`\`${type}\`${m.doc.length > 0 ? ': ' + m.doc[0] : ''}`, ...m.doc.slice(1)], '').trimEnd());
    if (m.fields.length === 0) {
      // An empty structure (a service's empty response): on the wire one placeholder byte.
      out.push(`export type ${name} = Record<string, never>;`, '');
      continue;
    }
    out.push(`export interface ${name} {`);
    for (const field of m.fields) {
      const notes = [];
      if (field.fixedLength !== undefined) notes.push(`Fixed length ${field.fixedLength}.`);
      if (field.type === 'int64' || field.type === 'uint64') {
        notes.push(`(${field.type}${field.isArray ? '[]' : ''} on the wire; safe integer${field.isArray ? 's' : ''} here.)`);
      }
      out.push(jsdoc([...field.doc, ...notes], '  ') + `  ${field.name}: ${tsFieldType(field)};`);
    }
    out.push('}', '');
    if (m.constants.length > 0) {
      out.push(`/** Constants of \`${type}\` (same names as in the .msg, like rclnodejs' static members). */`);
      out.push(`export const ${name} = {`);
      for (const c of m.constants) out.push(jsdoc(c.doc, '  ') + `  ${c.name}: ${constantLiteral(c.value)},`);
      out.push('} as const;', '');
    }
  }

  out.push('/** Every supported message type, by canonical type string. */');
  out.push('export interface MessageTypes {');
  for (const type of ordered) out.push(`  '${type}': ${interfaceName(type)};`);
  out.push('}', '');
  out.push('/** A supported message type string, e.g. `fleet_bandits_msgs/msg/ArmCommand`. */');
  out.push('export type MessageTypeName = keyof MessageTypes;', '');
  out.push('/** Type strings by TS interface name: `MsgType.ArmCommand === \'fleet_bandits_msgs/msg/ArmCommand\'`. */');
  out.push('export const MsgType = {');
  for (const type of ordered) out.push(`  ${interfaceName(type)}: '${type}',`);
  out.push('} as const satisfies Record<string, MessageTypeName>;', '');
  out.push('/** Service types (bundled .srv): request and response are the message types `<type>_Request` and `<type>_Response`. */');
  out.push('export const SrvType = {');
  for (const type of services) out.push(`  ${interfaceName(type)}: '${type}',`);
  out.push('} as const;', '');
  out.push('/** A supported service type string, e.g. `crazyflie_interfaces/srv/Takeoff`. */');
  out.push('export type ServiceTypeName = (typeof SrvType)[keyof typeof SrvType];', '');
  out.push('/** Request and response message types of every supported service. */');
  out.push('export interface ServiceTypes {');
  for (const type of services) out.push(`  '${type}': { request: ${interfaceName(`${type}_Request`)}; response: ${interfaceName(`${type}_Response`)} };`);
  out.push('}', '');
  out.push(`/** The types defined by this package's msg/ folder (ROS package \`${PACKAGE}\`). */`);
  out.push('export const FLEET_BANDITS_MESSAGE_TYPES = [');
  for (const type of ours) out.push(`  '${type}',`);
  out.push('] as const satisfies readonly MessageTypeName[];', '');
  out.push('/** .msg sources of every supported type. */');
  out.push('export const MESSAGE_SOURCES: { readonly [T in MessageTypeName]: MessageSource } = {');
  for (const type of ordered) {
    const m = messages.get(type);
    const list = (xs) => `[${xs.map((x) => `'${x}'`).join(', ')}]`;
    out.push(`  '${type}': {`);
    out.push(`    text: ${templateLiteral(m.text)},`);
    out.push(`    dependencies: ${list(m.dependencies)},`);
    out.push(`    nanOk: ${list(m.nanOk)},`);
    out.push(`    infOk: ${list(m.infOk)},`);
    out.push('  },');
  }
  out.push('};', '');
  return out.join('\n');
}

function main(argv) {
  const text = generate();
  if (argv.includes('--stdout')) {
    process.stdout.write(text);
    return 0;
  }
  const current = existsSync(OUT_FILE) ? readFileSync(OUT_FILE, 'utf8') : '';
  const relative = path.relative(ROOT, OUT_FILE);
  if (argv.includes('--check')) {
    if (current === text) return 0;
    process.stderr.write(`${relative} is out of date with msg/; run: node scripts/gen-msg.mjs\n`);
    return 1;
  }
  if (current !== text) writeFileSync(OUT_FILE, text);
  process.stdout.write(`${current === text ? 'unchanged' : 'wrote'} ${relative}\n`);
  return 0;
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`gen-msg: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
