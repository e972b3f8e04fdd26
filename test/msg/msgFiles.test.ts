// Checks msg/*.msg against ROS 2 rules (rosmsg parse, rosidl naming) and package.xml / CMakeLists.txt against msg/.
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
    expect(FLEET_BANDITS_MESSAGE_TYPES).toEqual(names.map((n) => `fleet_bandits/msg/${n}`));
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
      if (file !== 'Edge.msg') expect(text).toMatch(/^std_msgs\/Header header$/m);
    });
  });
});

describe('package.xml', () => {
  const xml = read('package.xml');
  const tags = (tag: string) => [...xml.matchAll(new RegExp(`<${tag}>([^<]+)</${tag}>`, 'g'))].map((m) => m[1]);

  it('is a format 3 interface package named fleet_bandits', () => {
    expect(xml).toContain('<package format="3">');
    expect(tags('name')).toEqual(['fleet_bandits']);
    expect(tags('buildtool_depend')).toEqual(expect.arrayContaining(['ament_cmake', 'rosidl_default_generators']));
    expect(tags('exec_depend')).toEqual(expect.arrayContaining(['rosidl_default_runtime', 'nav_msgs']));
    expect(tags('member_of_group')).toEqual(['rosidl_interface_packages']);
    expect(tags('build_type')).toEqual(['ament_cmake']);
  });

  it('depends on every package msg/ references', () => {
    const referenced = new Set(
      FLEET_BANDITS_MESSAGE_TYPES.flatMap((t) => MESSAGE_SOURCES[t].dependencies)
        .map((d) => d.split('/')[0] as string)
        .filter((p) => p !== 'fleet_bandits'),
    );
    expect([...referenced].sort()).toEqual(['geometry_msgs', 'std_msgs']);
    // builtin_interfaces comes in through std_msgs/Header; declared too, as rosidl packages do.
    expect(tags('depend').sort()).toEqual(['builtin_interfaces', ...referenced].sort());
  });
});

describe('CMakeLists.txt', () => {
  const cmake = read('CMakeLists.txt');

  it('generates exactly the msg/ files', () => {
    const listed = [...cmake.matchAll(/"msg\/([A-Za-z0-9]+\.msg)"/g)].map((m) => m[1]).sort();
    expect(listed).toEqual(msgFiles);
    expect(cmake).toMatch(/^project\(fleet_bandits\)$/m);
    expect(cmake).toMatch(/rosidl_generate_interfaces\(\$\{PROJECT_NAME\}/);
  });

  it('finds and declares the interface packages package.xml depends on', () => {
    const dependencies = /DEPENDENCIES ([a-z_ ]+)\n/.exec(cmake)?.[1]?.trim().split(/\s+/) ?? [];
    expect(dependencies.sort()).toEqual(['builtin_interfaces', 'geometry_msgs', 'std_msgs']);
    for (const pkg of dependencies) expect(cmake).toContain(`find_package(${pkg} REQUIRED)`);
  });

  it('installs the npm package and globs the node wrappers from ros/bin', () => {
    expect(cmake).toMatch(/install\(FILES package\.json DESTINATION share\/\$\{PROJECT_NAME\}\)/);
    expect(cmake).toMatch(/DIRECTORY dist node_modules bin launch sim/);
    expect(cmake).toMatch(/file\(GLOB FLEET_BANDITS_NODE_WRAPPERS[^)]*ros\/bin\/\*"\)/);
    expect(cmake).toMatch(/install\(PROGRAMS \$\{FLEET_BANDITS_NODE_WRAPPERS\} DESTINATION lib\/\$\{PROJECT_NAME\}\)/);
  });
});
