// The two colcon packages of the repository: ros/fleet_bandits_msgs (interfaces, checked in
// test/msg/msgFiles.test.ts) and ros/fleet_bandits (node programs): where colcon finds them, what
// fleet_bandits declares and installs, and the list of run-time npm packages it installs.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { productionModules } from '../../../ros/fleet_bandits/production-modules.mjs';
import { repoRoot } from '../../helpers/cli.js';

const read = (file: string) => readFileSync(path.join(repoRoot, file), 'utf8');
const tags = (xml: string, tag: string) => [...xml.matchAll(new RegExp(`<${tag}>([^<]+)</${tag}>`, 'g'))].map((m) => m[1]);

describe('colcon layout', () => {
  it('has one package directory per ROS package under ros/ and none at the root (colcon would stop there)', () => {
    expect(existsSync(path.join(repoRoot, 'package.xml'))).toBe(false);
    expect(existsSync(path.join(repoRoot, 'CMakeLists.txt'))).toBe(false);
    const packages = readdirSync(path.join(repoRoot, 'ros'), { withFileTypes: true })
      .filter((d) => d.isDirectory() && existsSync(path.join(repoRoot, 'ros', d.name, 'package.xml')))
      .map((d) => d.name);
    expect(packages.sort()).toEqual(['fleet_bandits', 'fleet_bandits_msgs']);
    for (const p of packages) expect(tags(read(`ros/${p}/package.xml`), 'name')).toEqual([p]);
  });

  it('npm install marks node_modules COLCON_IGNORE, so colcon does not crawl (or build) npm packages', () => {
    const pkg = JSON.parse(read('package.json')) as { scripts: Record<string, string>; files: string[] };
    expect(pkg.scripts.postinstall).toBe('node scripts/postinstall.mjs');
    expect(pkg.files).toContain('ros');
    expect(pkg.files).toContain('scripts/postinstall.mjs');
    // The hook writes the marker only where node_modules exists (not when installed as a dependency).
    // A copy of the hook in a directory without rclnodejs must say so, in one line.
    const dir = mkdtempSync(path.join(tmpdir(), 'fb-colcon-'));
    mkdirSync(path.join(dir, 'scripts'));
    writeFileSync(path.join(dir, 'scripts', 'postinstall.mjs'), read('scripts/postinstall.mjs'));
    const hook = (cwd: string) => spawnSync(process.execPath, [path.join(dir, 'scripts', 'postinstall.mjs')], { cwd, encoding: 'utf8' });
    const first = hook(dir);
    expect(first.status).toBe(0);
    expect(first.stderr.trim().split('\n')).toHaveLength(1);
    expect(first.stderr).toContain('rclnodejs (optional) is not installed');
    expect(first.stderr).toContain('npm install rclnodejs@2.2.0');
    expect(existsSync(path.join(dir, 'node_modules'))).toBe(false);
    mkdirSync(path.join(dir, 'node_modules'));
    expect(hook(dir).status).toBe(0);
    expect(existsSync(path.join(dir, 'node_modules', 'COLCON_IGNORE'))).toBe(true);
  });
});

describe('ros/fleet_bandits/package.xml', () => {
  const xml = read('ros/fleet_bandits/package.xml');

  it('depends on the interfaces package and on what the nodes use at run time', () => {
    expect(xml).toContain('<package format="3">');
    expect(tags(xml, 'buildtool_depend')).toEqual(['ament_cmake']);
    expect(tags(xml, 'depend')).toContain('fleet_bandits_msgs');
    const exec = tags(xml, 'exec_depend');
    // nav2 adapter: NavigateToPose and the action status/cancel types; pose_goal: PoseStamped, Odometry.
    for (const p of ['nav2_msgs', 'action_msgs', 'geometry_msgs', 'nav_msgs', 'std_msgs', 'launch', 'launch_ros']) expect(exec).toContain(p);
    // Robots broadcast TF, the markers node a MarkerArray, site_sensor reads sensor_msgs.
    for (const p of ['tf2_msgs', 'visualization_msgs', 'sensor_msgs']) expect(exec).toContain(p);
    // px4 adapter: px4_msgs has no rosdep key, so it is declared under a condition users can turn off.
    expect(xml).toMatch(/<exec_depend condition="\$FLEET_BANDITS_PX4 != 0">px4_msgs<\/exec_depend>/);
    // crazyflie adapter: crazyflie_interfaces (Crazyswarm2, built from source) likewise.
    expect(xml).toMatch(/<exec_depend condition="\$FLEET_BANDITS_CRAZYFLIE != 0">crazyflie_interfaces<\/exec_depend>/);
    expect(xml).not.toContain('rosidl_interface_packages');
    expect(tags(xml, 'build_type')).toEqual(['ament_cmake']);
  });
});

describe('ros/fleet_bandits/CMakeLists.txt', () => {
  const cmake = read('ros/fleet_bandits/CMakeLists.txt');

  it('checks Node.js and the build before installing', () => {
    expect(cmake).toMatch(/^project\(fleet_bandits NONE\)$/m);
    expect(cmake).toContain('set(FLEET_BANDITS_MIN_NODE "20.20.2")');
    expect(cmake).toMatch(/node_version VERSION_LESS FLEET_BANDITS_MIN_NODE/);
    expect(cmake).toMatch(/NOT EXISTS "\$\{FLEET_BANDITS_ROOT\}\/dist\/ros\/runNode\.js"/);
  });

  it('installs the program, the run-time npm packages only, and generates rclnodejs messages in the install tree', () => {
    expect(cmake).toMatch(/install\(FILES "\$\{FLEET_BANDITS_ROOT\}\/package\.json" DESTINATION \$\{FLEET_BANDITS_SHARE\}\)/);
    for (const dir of ['dist', 'bin', 'launch', 'sim', 'config']) expect(cmake).toContain(`"\${FLEET_BANDITS_ROOT}/${dir}"`);
    expect(cmake).not.toMatch(/"\$\{FLEET_BANDITS_ROOT\}\/node_modules"/);
    expect(cmake).toContain('production-modules.mjs');
    expect(cmake).toMatch(/scripts\/generate_messages\.cjs/);
    expect(cmake).toContain('generated/fleet_bandits_msgs');
  });
});

describe('production-modules.mjs', () => {
  const lock = {
    lockfileVersion: 3,
    packages: {
      '': { name: 'fleet-bandits' },
      'node_modules/commander': {},
      'node_modules/@mcap/core': {},
      'node_modules/@mcap/core/node_modules/heap-js': {},
      'node_modules/vitest': { dev: true },
      'node_modules/@types/node': { dev: true },
      'node_modules/rclnodejs': { optional: true },
      'node_modules/fsevents': { dev: true, optional: true },
      'node_modules/needed-by-dev-and-optional': { devOptional: true },
      'node_modules/linked': { link: true },
    },
  };

  it('keeps top-level packages that are not dev dependencies (nested ones come with their parent)', () => {
    expect(productionModules(lock)).toEqual(['node_modules/@mcap/core', 'node_modules/commander', 'node_modules/needed-by-dev-and-optional', 'node_modules/rclnodejs']);
  });

  it('leaves out optional packages npm did not install', () => {
    expect(productionModules(lock, (p: string) => p !== 'node_modules/rclnodejs')).not.toContain('node_modules/rclnodejs');
  });

  it('refuses an old lock file without a packages map', () => {
    expect(() => productionModules({ lockfileVersion: 1, dependencies: {} })).toThrow("the lock file has no 'packages' map");
  });

  it("lists this checkout's run-time packages: no compiler, linter or test runner", () => {
    const r = spawnSync(process.execPath, ['ros/fleet_bandits/production-modules.mjs', repoRoot], { cwd: repoRoot, encoding: 'utf8' });
    expect(r.status).toBe(0);
    const listed = r.stdout.trim().split('\n');
    const pkg = JSON.parse(read('package.json')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
    for (const dep of Object.keys(pkg.dependencies)) expect(listed).toContain(`node_modules/${dep}`);
    for (const dev of Object.keys(pkg.devDependencies)) expect(listed).not.toContain(`node_modules/${dev}`);
  });

  it('lists the same packages when started through a symlinked checkout (a colcon workspace linking the repository)', () => {
    const link = path.join(mkdtempSync(path.join(tmpdir(), 'fb-link-')), 'fleet-bandits');
    symlinkSync(repoRoot, link);
    const direct = spawnSync(process.execPath, ['ros/fleet_bandits/production-modules.mjs', repoRoot], { cwd: repoRoot, encoding: 'utf8' });
    const linked = spawnSync(process.execPath, [path.join(link, 'ros/fleet_bandits/production-modules.mjs'), link], { encoding: 'utf8' });
    expect(linked.status).toBe(0);
    expect(linked.stdout).toContain('node_modules/commander\n');
    expect(linked.stdout).toBe(direct.stdout);
  });

  it('says what to do without node_modules', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'fb-prod-'));
    writeFileSync(path.join(dir, 'package.json'), '{}');
    const r = spawnSync(process.execPath, [path.join(repoRoot, 'ros/fleet_bandits/production-modules.mjs'), dir], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("has no node_modules; run 'npm ci && npm run build' there first");
  });
});
