/**
 * A layered multi-hop network (the paper's Sec. 7.3, PROPOSAL shape): the source sends a packet
 * through H layers of relays, fully connected between consecutive layers, then to the
 * destination; every relay picks the next hop. Loop-free paths form a tree of depth H whose
 * leaves are last-layer relays (their last hop to the destination is part of the leaf). The
 * link into relay j of any layer has delay model `relays[j]`; cost 1 if the packet misses the
 * deadline, else 0. Relay names: layer letters and relay indices along the path ('a0b2').
 */
import type { LeafCostSpec, LinkSpec, TreeProblem } from './TreeProblem.js';

export interface LayeredSpec {
  source: string;
  layers: number;
  relays: readonly LinkSpec[];
  lastHop: LinkSpec;
  deadline: number;
}

export function layeredProblem({ source, layers, relays, lastHop, deadline }: LayeredSpec): TreeProblem {
  if (layers < 1 || layers > 26) throw new Error(`layeredProblem: layers must be in [1, 26], found ${layers}`);
  const children: Record<string, string[]> = {};
  const links: Record<string, LinkSpec> = {};
  const leaves: Record<string, LeafCostSpec> = {};
  let level: string[] = [source];
  for (let h = 0; h < layers; h++) {
    const letter = String.fromCharCode(97 + h);
    const next: string[] = [];
    for (const n of level) {
      const prefix = n === source ? '' : n;
      children[n] = relays.map((_, j) => `${prefix}${letter}${j}`);
      relays.forEach((spec, j) => (links[`${prefix}${letter}${j}`] = spec));
      next.push(...children[n]);
    }
    level = next;
  }
  for (const n of level) leaves[n] = { type: 'deadline', missRate: 0, processingTime: 0, lastHop };
  return { tree: { root: source, children }, leaves, links, deadline };
}
