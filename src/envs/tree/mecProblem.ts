/**
 * Mobile edge computing (the paper's Sec. 7.2): a robot (root) offloads each job to one of M edge
 * servers over a link with exponential delay; the server runs it on one of its neural networks
 * (leaves), each with a processing time and a miss rate. Deadline miss: cost 1; else the miss rate.
 */
import type { LeafCostSpec, LinkSpec, TreeProblem } from './TreeProblem.js';

export interface MecSpec {
  robot: string;
  servers: readonly { name: string; link: LinkSpec }[];
  /** The networks every server offers. */
  networks: readonly { name: string; missRate: number; processingTime: number }[];
  deadline: number;
}

export function mecProblem({ robot, servers, networks, deadline }: MecSpec): TreeProblem {
  const children: Record<string, string[]> = { [robot]: servers.map((s) => s.name) };
  const leaves: Record<string, LeafCostSpec> = {};
  const links: Record<string, LinkSpec> = {};
  for (const s of servers) {
    children[s.name] = networks.map((k) => `${s.name}_${k.name}`);
    links[s.name] = s.link;
    for (const k of networks) leaves[`${s.name}_${k.name}`] = { type: 'deadline', missRate: k.missRate, processingTime: k.processingTime };
  }
  return { tree: { root: robot, children }, leaves, links, deadline };
}
