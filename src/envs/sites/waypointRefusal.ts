/**
 * The waypoint rule of graph robots, shared by the simulated motion and the physical adapters: a
 * waypoint must be the robot's site (while in transit: the site it is heading to) or a neighbour
 * of it. Returns null when accepted, else the one-line refusal naming the allowed sites.
 */
import { isAdjacent, siteLabel, type Graph } from '../../core/graph/Graph.js';

export function waypointRefusal(g: Graph, robot: number, site: number, waypoint: number, inTransit: boolean): string | null {
  const known = Number.isInteger(waypoint) && waypoint >= 0 && waypoint < g.size;
  if (known && isAdjacent(g, site, waypoint)) return null;
  const shown = known ? `${siteLabel(g.ids, waypoint)} (index ${waypoint})` : `index ${waypoint}`;
  const options: string[] = [];
  for (let e = g.offsets[site]; e < g.offsets[site + 1] && options.length < 12; e++) options.push(siteLabel(g.ids, g.neighbors[e]));
  const more = g.offsets[site + 1] - g.offsets[site] > options.length ? ', ...' : '';
  return (
    `robot ${robot} refused waypoint ${shown}: not adjacent to its site ${siteLabel(g.ids, site)}` +
    `${inTransit ? ' (where it is heading)' : ''}; allowed: ${options.join(', ')}${more}`
  );
}
