/**
 * `graph_step`: the embedded motion model, the one the fast simulator uses (GraphRobotMotion):
 * a robot moves one edge towards its waypoint per step, or takes the edge's travel time on
 * travel-time graphs; its pose is interpolated along the edge.
 */
import { GraphRobotMotion } from '../../../envs/sites/GraphRobotMotion.js';
import type { AdapterContext, RobotAdapter, RobotFix } from './RobotAdapter.js';
import { sitePose } from './poses.js';

export class GraphStepAdapter implements RobotAdapter {
  readonly name = 'graph_step' as const;
  readonly #motion: GraphRobotMotion;
  readonly #positions: Float64Array;

  constructor({ world, start, id, positions, drops }: AdapterContext) {
    this.#positions = positions;
    this.#motion = new GraphRobotMotion(world.graph, [start], {
      travel: world.travel,
      onRefusal: (message) => drops.drop('refused-waypoint', message.replace(/^robot 0 /, `robot ${id} `)),
    });
  }

  onStepStart(): RobotFix {
    const m = this.#motion;
    const progress = m.inTransit[0] ? (m.duration[0] - m.remaining[0]) / m.duration[0] : 1;
    const from = sitePose(this.#positions, m.from[0]);
    const to = sitePose(this.#positions, m.site[0]);
    const lerp = (a: number, b: number) => a + (b - a) * progress;
    const pose = {
      position: { x: lerp(from.position.x, to.position.x), y: lerp(from.position.y, to.position.y), z: lerp(from.position.z, to.position.z) },
      orientation: { x: 0, y: 0, z: 0, w: 1 },
    };
    return { site: m.site[0], target: m.target[0], inTransit: m.inTransit[0] !== 0, pose };
  }

  command(waypoint: number | null): void {
    if (waypoint !== null) this.#motion.receive(0, waypoint);
    this.#motion.advance();
  }

  hold(waypoint: number | null): void {
    if (waypoint !== null) this.#motion.receive(0, waypoint);
  }

  forget(): void {
    this.#motion.forget(0);
  }
}
