// GeoJSON waypoint parsing: Points as sites, LineStrings as edges, lon/lat projected to metres.
import { describe, expect, it } from 'vitest';
import { edgeIndex, isAdjacent } from '../../../src/core/graph/Graph.js';
import { GraphValidationError } from '../../../src/core/graph/GraphValidationError.js';
import { parseWaypointGeoJson } from '../../../src/core/graph/parseWaypointGeoJson.js';

const point = (id: string, c: number[]) => ({ type: 'Feature', properties: { id }, geometry: { type: 'Point', coordinates: c } });
const line = (coords: number[][], props: object = {}) => ({ type: 'Feature', properties: props, geometry: { type: 'LineString', coordinates: coords } });
const collection = (features: object[]) => JSON.stringify({ type: 'FeatureCollection', features });

describe('parseWaypointGeoJson', () => {
  it('projects lon/lat to metres about the first site and matches line ends to points', () => {
    // 0.001 degree of latitude is about 111.2 m; of longitude at 45 degrees about 78.6 m.
    const text = collection([
      point('home', [7.0, 45.0, 10]),
      point('north', [7.0, 45.001, 12]),
      point('east', [7.001, 45.0]),
      line([[7.0, 45.0], [7.0, 45.001]]),
      line([[7.0, 45.0], [7.0005, 45.0002], [7.001, 45.0]], { length: 90 }),
    ]);
    const g = parseWaypointGeoJson(text);
    expect(g.ids).toEqual(['home', 'north', 'east']);
    const p = g.positions!;
    expect(p[0]).toBe(0);
    expect(p[4]).toBeCloseTo(111.19, 1);
    expect(p[6]).toBeCloseTo(78.63, 1);
    expect(p[5]).toBe(12);
    expect(isAdjacent(g, 0, 1) && isAdjacent(g, 0, 2) && !isAdjacent(g, 1, 2)).toBe(true);
    expect(g.edgeLengths![edgeIndex(g, 0, 2)]).toBe(90);
    expect(g.edgeLengths![edgeIndex(g, 0, 1)]).toBeCloseTo(Math.hypot(111.19, 2), 1);
  });

  it('takes coordinates as metres when asked, and from/to properties', () => {
    const text = collection([point('a', [0, 0]), point('b', [3, 4]), line([[9, 9], [8, 8]], { from: 'a', to: 'b' })]);
    const g = parseWaypointGeoJson(text, { coordinates: 'metres' });
    expect([...g.positions!]).toEqual([0, 0, 0, 3, 4, 0]);
    expect(g.edgeLengths![edgeIndex(g, 0, 1)]).toBeCloseTo(Math.SQRT2, 12);
  });

  it('reports every bad feature', () => {
    const text = collection([
      point('a', [0, 0]),
      { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [1, 1] } },
      { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [] } },
      line([[0, 0], [5, 5]]),
    ]);
    try {
      parseWaypointGeoJson(text, { source: 'f.geojson' });
      throw new Error('expected an error');
    } catch (err) {
      expect(err).toBeInstanceOf(GraphValidationError);
      expect((err as GraphValidationError).issues).toEqual([
        'features[1]: a Point needs an id (properties.id or the feature id)',
        "features[2]: geometry type 'Polygon' is not supported; use Point for sites and LineString for edges",
      ]);
    }
    expect(() => parseWaypointGeoJson(collection([point('a', [0, 0]), line([[0, 0], [5, 5]])]))).toThrow(/features\[1\]: no 'to' property and no Point at its last coordinate \[5, 5\]/);
    expect(() => parseWaypointGeoJson('{"type": "Feature"}')).toThrow(/expected a GeoJSON FeatureCollection/);
    expect(() => parseWaypointGeoJson('{')).toThrow(/JSON syntax error/);
  });
});
