/** The plain-data shape of a waypoint graph (YAML files and inline scenario graphs), as a zod schema. */
import { z } from 'zod';

const siteId = z.union([z.string().min(1).max(200), z.number().int()]);

/** Metres; a few times the Earth's circumference at most, so distances stay finite. */
const metres = z.number().min(-1e8).max(1e8);

export const waypointSiteSchema = z
  .object({
    id: siteId,
    /** [x, y] or [x, y, z], metres in the map frame (z up). */
    position: z.array(metres).min(2).max(3).optional(),
  })
  .strict();

/** `[from, to]`, `[from, to, length]` or `{ from, to, length? }`; lengths in metres. */
export const waypointEdgeSchema = z.union(
  [
    z.tuple([siteId, siteId]),
    z.tuple([siteId, siteId, metres.positive()]),
    z.object({ from: siteId, to: siteId, length: metres.positive().optional() }).strict(),
  ],
  { error: 'an edge is [from, to], [from, to, length] or { from, to, length } with site ids and a length > 0 in metres' },
);

export const waypointGraphSchema = z
  .object({
    /** Free text for people. */
    description: z.string().optional(),
    /** Coordinate frame of the positions (ROS frame id). Default `map`. */
    frame: z.string().min(1).default('map'),
    sites: z.array(waypointSiteSchema).min(1).max(1_000_000),
    edges: z.array(waypointEdgeSchema).max(10_000_000).default([]),
  })
  .strict();

export type WaypointGraphDocument = z.infer<typeof waypointGraphSchema>;
export type WaypointEdgeDocument = z.infer<typeof waypointEdgeSchema>;

/** Normalises the three edge spellings to `{ from, to, length? }`. */
export function normaliseEdge(edge: WaypointEdgeDocument): { from: string | number; to: string | number; length?: number } {
  if (Array.isArray(edge)) return edge.length === 3 ? { from: edge[0], to: edge[1], length: edge[2] } : { from: edge[0], to: edge[1] };
  return edge;
}
