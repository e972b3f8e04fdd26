// Checks msg/*.msg against ROS 2 rules (rosmsg parse, rosidl naming) and ros/fleet_bandits_msgs against msg/.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from '@foxglove/rosmsg';
import { describe, expect, it } from 'vitest';
import { FLEET_BANDITS_MESSAGE_TYPES, MESSAGE_SOURCES } from '../../src/msg/index.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const MSG_DIR = path.join(ROOT, 'msg');
const msgFiles = readdirSync(MSG_DIR).filter((f) => f.endsWith('.msg')).sort();

/** rosidl_adapter/parser.py (ros2.md section 2.2). */
const TYPE_NAME = /^[A-Z][A-Za-z0-9]*$/;
const FIELD_NAME = /^(?!.*__)(?!.*_$)[a-z][a-z0-9_]*$/;
const CONSTANT_NAME = /^[A-Z]([A-Z0-9_]?[A-Z0-9]+)*$/;
const PACKAGE_NAME = FIELD_NAME;

/** Names that break a rosidl generator (C, C++, Python, IDL) even though the regexes allow them. */
const RESERVED = new Set([
  'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del', 'elif', 'else', 'except',
  'false', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'none', 'nonlocal', 'not',
  'or', 'pass', 'raise', 'return', 'true', 'try', 'while', 'with', 'yield', 'auto', 'bool', 'case', 'char',
  'const', 'default', 'delete', 'do', 'double', 'enum', 'explicit', 'extern', 'float', 'goto', 'inline', 'int',
  'long', 'module', 'namespace', 'new', 'operator', 'private', 'protected', 'public', 'register', 'short',
  'signed', 'sizeof', 'static', 'struct', 'switch', 'template', 'this', 'typedef', 'union', 'unsigned', 'using',
  'virtual', 'void', 'volatile', 'sequence', 'string', 'octet', 'any', 'interface', 'exception',
]);

function read(file: string): string {
  return readFileSync(path.join(ROOT, file), 'utf8');
}

describe('msg/*.msg', () => {
  it('holds the required message types', () => {
    const names = msgFiles.map((f) => f.replace(/\.msg$/, ''));
    for (const required of [
      'ArmCommand', 'ArmReward', 'AgentTelemetry', 'LinkStats', 'GraphTopology', 'RobotState', 'WaypointCommand',
      'SiteSample', 'Allocation', 'Job', 'JobCost', 'LearnerState', 'RegretReport',
    ]) {
      expect(names).toContain(required);
    }
    expect(FLEET_BANDITS_MESSAGE_TYPES).toEqual(names.map((n) => `fleet_bandits_msgs/msg/${n}`));
  });

  describe.each(msgFiles)('%s', (file) => {
    const text = readFileSync(path.join(MSG_DIR, file), 'utf8');

    it('starts with a purpose comment', () => {
      expect(text.startsWith('# ')).toBe(true);
    });

    it('parses with @foxglove/rosmsg (ros2: true)', () => {
      const definitions = parse(text, { ros2: true, skipTypeFixup: true });
      expect(definitions).toHaveLength(1);
      expect(definitions[0]?.definitions.filter((d) => d.isConstant !== true).length).toBeGreaterThan(0);
    });

    it('uses rosidl-valid, non-reserved names', () => {
      expect(file.replace(/\.msg$/, '')).toMatch(TYPE_NAME);
      const [definition] = parse(text, { ros2: true, skipTypeFixup: true });
      for (const d of definition?.definitions ?? []) {
        expect(d.name).toMatch(d.isConstant === true ? CONSTANT_NAME : FIELD_NAME);
        expect(RESERVED.has(d.name.toLowerCase()), `'${d.name}' is a reserved word in a rosidl target language`).toBe(false);
      }
    });

    it('references only packages that exist and stamps with a Header', () => {
      const [definition] = parse(text, { ros2: true, skipTypeFixup: true });
      for (const d of definition?.definitions ?? []) {
        if (d.isComplex === true && d.type.includes('/')) expect(d.type.split('/')[0]).toMatch(PACKAGE_NAME);
      }
      // Sub-messages used only inside a stamped message carry no header of their own.
      if (file !== 'Edge.msg' && file !== 'DagPlayer.msg') expect(text).toMatch(/^std_msgs\/Header header$/m);
    });
  });
});

describe('ros/fleet_bandits_msgs/package.xml', () => {
  const xml = read('ros/fleet_bandits_msgs/package.xml');
  const tags = (tag: string) => [...xml.matchAll(new RegExp(`<${tag}>([^<]+)</${tag}>`, 'g'))].map((m) => m[1]);

  it('is a format 3 interface package named fleet_bandits_msgs, with no Node.js in it', () => {
    expect(xml).toContain('<package format="3">');
    expect(tags('name')).toEqual(['fleet_bandits_msgs']);
    expect(tags('buildtool_depend').sort()).toEqual(['ament_cmake', 'rosidl_default_generators']);
    expect(tags('exec_depend')).toEqual(['rosidl_default_runtime']);
    expect(tags('member_of_group')).toEqual(['rosidl_interface_packages']);
    expect(tags('build_type')).toEqual(['ament_cmake']);
  });

  it('depends on every package msg/ references', () => {
    const referenced = new Set(
      FLEET_BANDITS_MESSAGE_TYPES.flatMap((t) => MESSAGE_SOURCES[t].dependencies)
        .map((d) => d.split('/')[0] as string)
        .filter((p) => p !== 'fleet_bandits_msgs'),
    );
    expect([...referenced].sort()).toEqual(['geometry_msgs', 'std_msgs']);
    // builtin_interfaces comes in through std_msgs/Header; declared too, as rosidl packages do.
    expect(tags('depend').sort()).toEqual(['builtin_interfaces', ...referenced].sort());
  });
});

describe('ros/fleet_bandits_msgs/CMakeLists.txt', () => {
  const cmake = read('ros/fleet_bandits_msgs/CMakeLists.txt');

  it('generates every msg/*.msg of the repository root with rosidl', () => {
    expect(cmake).toMatch(/^project\(fleet_bandits_msgs\)$/m);
    expect(cmake).toMatch(/get_filename_component\(FLEET_BANDITS_ROOT "\$\{CMAKE_CURRENT_SOURCE_DIR\}\/\.\.\/\.\." REALPATH\)/);
    expect(cmake).toMatch(/file\(GLOB FLEET_BANDITS_MSG_FILES RELATIVE "\$\{FLEET_BANDITS_ROOT\}" CONFIGURE_DEPENDS "\$\{FLEET_BANDITS_ROOT\}\/msg\/\*\.msg"\)/);
    // rosidl's absolute form: "<base>:<relative>", so the type is fleet_bandits_msgs/msg/<Name>.
    expect(cmake).toContain('list(APPEND FLEET_BANDITS_INTERFACES "${FLEET_BANDITS_ROOT}:${msg_file}")');
    expect(cmake).toMatch(/rosidl_generate_interfaces\(\$\{PROJECT_NAME\}\n\s+\$\{FLEET_BANDITS_INTERFACES\}/);
  });

  it('finds and declares the interface packages package.xml depends on', () => {
    const dependencies = /DEPENDENCIES ([a-z_ ]+)\n/.exec(cmake)?.[1]?.trim().split(/\s+/) ?? [];
    expect(dependencies.sort()).toEqual(['builtin_interfaces', 'geometry_msgs', 'std_msgs']);
    for (const pkg of dependencies) expect(cmake).toContain(`find_package(${pkg} REQUIRED)`);
  });
});
