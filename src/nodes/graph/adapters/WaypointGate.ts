/**
 * The waypoint rule of graph robots for the physical adapters (`waypointRefusal`, the same rule as
 * graph_step's GraphRobotMotion.receive): a waypoint must be the robot's site, or while in transit the site it
 * is heading to, or a neighbour of it; anything else is refused, counted and logged with the
 * allowed sites, and the robot keeps its previous target.
 */
import type { Graph } from '../../../core/graph/Graph.js';
import { waypointRefusal } from '../../../envs/sites/waypointRefusal.js';
import type { DropCounter } from '../../DropCounter.js';

export class WaypointGate {
  readonly #graph: Graph;
  readonly #id: number;
  readonly #drops: DropCounter;

  constructor(graph: Graph, robotId: number, drops: DropCounter) {
    this.#graph = graph;
    this.#id = robotId;
    this.#drops = drops;
  }

  /** Whether `waypoint` may follow `site`; a refusal is counted as 'refused-waypoint'. */
  accepts(site: number, waypoint: number, inTransit: boolean): boolean {
    const refusal = waypointRefusal(this.#graph, this.#id, site, waypoint, inTransit);
    if (refusal === null) return true;
    this.#drops.drop('refused-waypoint', refusal);
    return false;
  }
}
