/**
 * Parses a waypoint graph from GeoJSON text (RFC 7946): Point features are sites, LineString
 * features are edges. The caller reads the file.
 */
import type { Graph } from './Graph.js';
import { graphFromSpec, type WaypointEdge, type WaypointSite } from './graphFromSpec.js';
import { GraphValidationError } from './GraphValidationError.js';

export interface GeoJsonOptions {
  /** Names the input in error messages. */
  source?: string;
  /**
   * `lonlat` (the GeoJSON standard, default): [longitude, latitude, altitude m], projected to
   * local metres east/north of `origin`. `metres`: coordinates already are map-frame metres.
   */
  coordinates?: 'lonlat' | 'metres';
  /** [longitude, latitude] of the map-frame origin; default the first site. */
  origin?: readonly [number, number];
}

/** Mean Earth radius (IUGG), metres. */
const EARTH_RADIUS = 6_371_008.8;

type Json = Record<string, unknown>;

function isObject(x: unknown): x is Json {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function isCoordinate(x: unknown): x is number[] {
  return Array.isArray(x) && (x.length === 2 || x.length === 3) && x.every((v) => typeof v === 'number' && Number.isFinite(v));
}

/**
 * Sites: `Point` features with `properties.id` (or the feature `id`). Edges: `LineString`
 * features with `properties.from` / `properties.to`, or else the sites whose coordinates equal
 * the line's end points; length `properties.length` (metres) or else the projected length of
 * the line. The projection is equirectangular about the origin: accurate to well under a metre
 * over a few kilometres, which is all a waypoint field needs.
 */
export function parseWaypointGeoJson(text: string, options: GeoJsonOptions = {}): Graph {
  const { source = 'GeoJSON waypoint graph', coordinates = 'lonlat' } = options;
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new GraphValidationError(source, [`JSON syntax error: ${(err as Error).message}`]);
  }
  if (!isObject(doc) || doc.type !== 'FeatureCollection' || !Array.isArray(doc.features)) {
    throw new GraphValidationError(source, [`expected a GeoJSON FeatureCollection with a 'features' list, found ${isObject(doc) ? `type '${String(doc.type)}'` : typeof doc}`]);
  }
  const features = doc.features as unknown[];
  const issues: string[] = [];
  const points: { id: string; coord: number[]; index: number }[] = [];
  const lines: { props: Json; coords: number[][]; index: number }[] = [];
  features.forEach((f, i) => {
    if (!isObject(f) || !isObject(f.geometry)) {
      issues.push(`features[${i}]: expected a Feature with a geometry`);
      return;
    }
    const props = isObject(f.properties) ? f.properties : {};
    const geometry = f.geometry;
    if (geometry.type === 'Point') {
      const rawId = props.id ?? f.id;
      if (typeof rawId !== 'string' && typeof rawId !== 'number') {
        issues.push(`features[${i}]: a Point needs an id (properties.id or the feature id)`);
        return;
      }
      if (!isCoordinate(geometry.coordinates)) {
        issues.push(`features[${i}] ('${rawId}'): Point coordinates must be [x, y] or [x, y, z] numbers`);
        return;
      }
      points.push({ id: String(rawId), coord: geometry.coordinates, index: i });
    } else if (geometry.type === 'LineString') {
      const coords = geometry.coordinates;
      if (!Array.isArray(coords) || coords.length < 2 || !coords.every(isCoordinate)) {
        issues.push(`features[${i}]: LineString coordinates must be at least two [x, y] or [x, y, z] positions`);
        return;
      }
      lines.push({ props, coords: coords as number[][], index: i });
    } else {
      issues.push(`features[${i}]: geometry type '${String(geometry.type)}' is not supported; use Point for sites and LineString for edges`);
    }
  });
  if (points.length === 0) issues.push('no Point features: a waypoint graph needs at least one site');
  if (issues.length > 0) throw new GraphValidationError(source, issues);

  const [lon0, lat0] = options.origin ?? [points[0].coord[0], points[0].coord[1]];
  const cosLat0 = Math.cos((lat0 * Math.PI) / 180);
  const project = (c: number[]): [number, number, number] => {
    const z = c.length === 3 ? c[2] : 0;
    if (coordinates === 'metres') return [c[0], c[1], z];
    const rad = Math.PI / 180;
    return [EARTH_RADIUS * (c[0] - lon0) * rad * cosLat0, EARTH_RADIUS * (c[1] - lat0) * rad, z];
  };

  const sites: WaypointSite[] = points.map((p) => ({ id: p.id, position: project(p.coord) }));
  const byCoordinate = new Map<string, string>();
  for (const p of points) byCoordinate.set(`${p.coord[0]},${p.coord[1]}`, p.id);
  const endpointId = (c: number[], line: number, end: string): string | undefined => {
    const id = byCoordinate.get(`${c[0]},${c[1]}`);
    if (id === undefined) issues.push(`features[${line}]: no '${end}' property and no Point at its ${end === 'from' ? 'first' : 'last'} coordinate [${c.join(', ')}]`);
    return id;
  };

  const edges: WaypointEdge[] = [];
  for (const line of lines) {
    const from = line.props.from ?? endpointId(line.coords[0], line.index, 'from');
    const to = line.props.to ?? endpointId(line.coords[line.coords.length - 1], line.index, 'to');
    if (from === undefined || to === undefined) continue;
    if ((typeof from !== 'string' && typeof from !== 'number') || (typeof to !== 'string' && typeof to !== 'number')) {
      issues.push(`features[${line.index}]: 'from' and 'to' must be site ids`);
      continue;
    }
    let length: number;
    if (line.props.length !== undefined) {
      if (typeof line.props.length !== 'number' || !(line.props.length > 0)) {
        issues.push(`features[${line.index}]: length must be a positive number of metres, found ${JSON.stringify(line.props.length)}`);
        continue;
      }
      length = line.props.length;
    } else {
      length = 0;
      for (let j = 1; j < line.coords.length; j++) {
        const a = project(line.coords[j - 1]);
        const b = project(line.coords[j]);
        length += Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
      }
      // A zero-length line (both ends on one spot) would fail validation for no good reason.
      if (length === 0) length = Number.MIN_VALUE;
    }
    edges.push({ from, to, length });
  }
  if (issues.length > 0) throw new GraphValidationError(source, issues);
  return graphFromSpec({ sites, edges }, source);
}
