/**
 * The waypoint rule of graph robots for the physical adapters, the same as graph_step's
 * (GraphRobotMotion.receive): a waypoint must be the robot's site, or while in transit the site it
 * is heading to, or a neighbour of it; anything else is refused, counted and logged with the
 * allowed sites, and the robot keeps its previous target.
 */
import { isAdjacent, siteLabel, type Graph } from '../../../core/graph/Graph.js';
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
    const g = this.#graph;
    const known = Number.isInteger(waypoint) && waypoint >= 0 && waypoint < g.size;
    if (known && isAdjacent(g, site, waypoint)) return true;
    const shown = known ? `${siteLabel(g.ids, waypoint)} (index ${waypoint})` : `index ${waypoint}`;
    const options: string[] = [];
    for (let e = g.offsets[site]; e < g.offsets[site + 1] && options.length < 12; e++) options.push(siteLabel(g.ids, g.neighbors[e]));
    const more = g.offsets[site + 1] - g.offsets[site] > options.length ? ', ...' : '';
    this.#drops.drop(
      'refused-waypoint',
      `robot ${this.#id} refused waypoint ${shown}: not adjacent to its site ${siteLabel(g.ids, site)}` +
        `${inTransit ? ' (where it is heading)' : ''}; allowed: ${options.join(', ')}${more}`,
    );
    return false;
  }
}
