// The `field:` section of a coverage scenario: a mission's real-world settings in one place,
// validated like every other field, the defaults of the node plan (options given win), per-site
// flight altitudes, and the example sim/scenarios/field-px4.yaml with its Gazebo world.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { coverageWorld } from '../../../src/experiments/coverage/CoverageWorld.js';
import { FIELD_ADAPTERS, type CoverageScenario } from '../../../src/experiments/coverage/schema.js';
import { loadScenario } from '../../../src/experiments/scenario/loadScenario.js';
import { ADAPTER_NAMES } from '../../../src/nodes/graph/adapters/RobotAdapter.js';
import { sitePositions } from '../../../src/nodes/graph/coverageContext.js';
import { gazeboWorld } from '../../../src/nodes/graph/gazeboWorld.js';
import { planNodes } from '../../../src/nodes/plan.js';
import { repoRoot } from '../../helpers/cli.js';

const FILE = 'sim/scenarios/field-px4.yaml';
const { scenario } = loadScenario(FILE);
const s = scenario as CoverageScenario;

/** Loads field-px4.yaml with its `field` changed by `edit`, from a temporary copy next to the graph. */
function loadEdited(edit: (field: Record<string, unknown>) => void): () => unknown {
  const doc = parse(readFileSync(path.join(repoRoot, FILE), 'utf8')) as { field: Record<string, unknown>; graph: { path: string } };
  edit(doc.field);
  doc.graph.path = path.join(repoRoot, 'sim/graphs/drone-field.yaml');
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'fb-field-')), 'field.yaml');
  writeFileSync(file, stringify(doc));
  return () => coverageWorld(loadScenario(file).scenario as CoverageScenario);
}

describe('field section', () => {
  it('field-px4.yaml plans PX4 drones with their origins and system ids, real sensors and its step length; given options win', () => {
    const plan = planNodes(scenario, FILE);
    expect(plan.roundPeriod).toBe(4);
    expect(plan.nodes.map((n) => n.executable)).toEqual(['planner', 'robot', 'robot', 'robot', 'site_sensor', 'site_sensor', 'site_sensor', 'markers', 'monitor']);
    const robots = plan.nodes.filter((n) => n.executable === 'robot');
    expect(robots.map((n) => [n.parameters.adapter, n.parameters.px4_origin, n.parameters.px4_system_id])).toEqual([
      ['px4', [-27, 52.5, 0], 1],
      ['px4', [-25, 52.5, 0], 2],
      ['px4', [-23, 52.5, 0], 3],
    ]);
    expect(plan.nodes.find((n) => n.executable === 'site_sensor')!.parameters).toMatchObject({ sensor_topic: 'sonar', sensor_type: 'sensor_msgs/msg/Range', sensor_field: 'range', reducer: 'mean', dwell: 1 });
    // The CLI's options win: embedded rehearsal with simulated drones and rewards.
    const rehearsal = planNodes(scenario, FILE, { simulateRobots: true, simulateEnvironment: true, roundPeriod: 0.1, sensor: { reducer: 'max' } });
    expect(rehearsal.roundPeriod).toBe(0.1);
    expect(rehearsal.nodes.map((n) => n.executable)).toContain('environment');
    const vehicles = rehearsal.nodes.filter((n) => n.executable === 'kinematic_robot');
    expect(vehicles.map((n) => [n.parameters.vehicle, n.parameters.px4_origin])).toEqual([['px4', [-27, 52.5, 0]], ['px4', [-25, 52.5, 0]], ['px4', [-23, 52.5, 0]]]);
    expect(planNodes(scenario, FILE, { adapter: 'graph_step' }).nodes.find((n) => n.executable === 'robot')!.parameters.adapter).toBe('graph_step');
  });

  it('field-crazyflie.yaml plans Crazyflies by their Crazyswarm2 names at the mission\'s speed, and rehearses with simulated ones', () => {
    const cf = loadScenario('sim/scenarios/field-crazyflie.yaml').scenario;
    const plan = planNodes(cf, 'sim/scenarios/field-crazyflie.yaml');
    expect(plan.roundPeriod).toBe(5);
    const robots = plan.nodes.filter((n) => n.executable === 'robot');
    expect(robots.map((n) => [n.parameters.adapter, n.parameters.cf_name, n.parameters.flight_speed])).toEqual([
      ['crazyflie', 'cf1', 1],
      ['crazyflie', 'cf2', 1],
      ['crazyflie', 'cf3', 1],
    ]);
    expect(plan.nodes.some((n) => n.executable === 'kinematic_robot')).toBe(false);
    const rehearsal = planNodes(cf, 'sim/scenarios/field-crazyflie.yaml', { simulateRobots: true });
    expect(rehearsal.nodes.filter((n) => n.executable === 'kinematic_robot').map((n) => [n.parameters.vehicle, n.parameters.cf_name])).toEqual([['crazyflie', 'cf1'], ['crazyflie', 'cf2'], ['crazyflie', 'cf3']]);
    expect([...sitePositions(coverageWorld(cf as CoverageScenario))].filter((_, i) => i % 3 === 2).every((z) => z === 0.6)).toBe(true);
  });

  it('sets every site\'s flight altitude, and single sites by id', () => {
    const world = coverageWorld(s);
    const xyz = sitePositions(world);
    const base = world.graph.ids.indexOf('base');
    for (let k = 0; k < world.graph.size; k++) expect(xyz[3 * k + 2]).toBe(k === base ? 3 : 12);
  });

  it('refuses a bad field with the file and field named', () => {
    expect(loadEdited((f) => (f.robots = [{ origin: [0, 0, 0] }]))).toThrow(/field\.robots: 1 entries for 3 robots/);
    expect(loadEdited((f) => ((f.sensor as Record<string, unknown>).reducer = 'median'))).toThrow(/field\.sensor\.reducer/);
    expect(loadEdited((f) => ((f.sensor as Record<string, unknown>).type = 'Range'))).toThrow(/field\.sensor\.type: expected package\/msg\/Type/);
    expect(loadEdited((f) => (f.adapter = 'teleport'))).toThrow(/field\.adapter/);
    expect(loadEdited((f) => (f.altitudes = { nowhere: 5 }))).toThrow(/field\.altitudes\.nowhere: unknown site id 'nowhere'/);
    expect(loadEdited((f) => (f.robots = [{ origin: [0, 0] }, {}, {}]))).toThrow(/field\.robots\[0\]\.origin: number of entries must be >= 3/);
    expect(loadEdited((f) => (f.colour = 'red'))).toThrow(/field.*colour/);
    expect(loadEdited((f) => (f.robots = [{ name: 'cf7' }, { name: 'cf7' }, {}]))).toThrow(/field\.robots\[1\]\.name: Crazyflie 'cf7' is already robot 0's; each robot needs its own/);
    expect(loadEdited((f) => (f.robots = [{ name: 'cf 1' }, {}, {}]))).toThrow(/field\.robots\[0\]\.name: expected a Crazyflie name such as cf1/);
  });

  it('names the same adapters as the robot node', () => {
    expect([...FIELD_ADAPTERS]).toEqual([...ADAPTER_NAMES]);
  });

  it('the checked-in sim/worlds/field-px4.sdf is the generator\'s output for field-px4.yaml', () => {
    const checkedIn = readFileSync(path.join(repoRoot, 'sim/worlds/field-px4.sdf'), 'utf8');
    expect(checkedIn).toBe(gazeboWorld(coverageWorld(s), { name: s.name, generatedBy: `fleet-bandits world ${FILE}` }));
  });
});
