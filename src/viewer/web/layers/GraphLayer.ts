// The site graph: sites as instanced spheres coloured by the planner's estimated mean or UCB and sized by how many robots sample them, edges as lines, and altitude stalks for drone waypoints.
import {
  Box3,
  BufferAttribute,
  BufferGeometry,
  Color,
  DynamicDrawUsage,
  Group,
  InstancedMesh,
  LineBasicMaterial,
  LineSegments,
  MeshLambertMaterial,
  Object3D,
  Raycaster,
  SphereGeometry,
  Vector3,
} from 'three';
import { EDGE_COLOR, UNSAMPLED_SITE, rampColor } from '../colors.js';
import { GraphLayout } from '../GraphLayout.js';
import type { HoverInfo, SceneLayer } from '../SceneLayer.js';
import type { ViewerStore } from '../ViewerStore.js';

const dummy = new Object3D();
const color = new Color();
const v = new Vector3();

export class GraphLayer implements SceneLayer {
  readonly root = new Group();
  /** Layout of the current graph (null before a graph arrived). */
  layout: GraphLayout | null = null;
  /** Base sphere radius (scene units). */
  siteRadius = 1;
  #sites: InstancedMesh | null = null;
  #sphere: SphereGeometry | null = null;
  #edges: LineSegments | null = null;
  #stalks: LineSegments | null = null;
  #ground: LineSegments | null = null;
  readonly #siteMaterial = new MeshLambertMaterial();
  readonly #edgeMaterial = new LineBasicMaterial({ color: EDGE_COLOR, transparent: true, opacity: 0.55 });
  readonly #stalkMaterial = new LineBasicMaterial({ color: 0x5a6678, transparent: true, opacity: 0.35 });
  readonly #groundMaterial = new LineBasicMaterial({ color: 0x232c38 });
  #graphVersion = -1;
  #styleKey = '';
  /** Value range shown by the legend: [min, max] of the coloured statistic, or null. */
  range: [number, number] | null = null;

  get siteCount(): number {
    return this.#sites?.count ?? 0;
  }

  get edgeCount(): number {
    return this.#edges ? (this.#edges.geometry.getAttribute('position').count >> 1) : 0;
  }

  update(store: ViewerStore): void {
    if (store.graphVersion !== this.#graphVersion) {
      this.#graphVersion = store.graphVersion;
      this.#rebuild(store);
      this.#styleKey = '';
    }
    const key = `${store.allocationVersion}|${store.robotsVersion}|${store.colorMode}|${store.runVersion}`;
    if (key !== this.#styleKey && this.#sites) {
      this.#styleKey = key;
      this.#restyle(store);
    }
  }

  animate(): void {}

  bounds(box: Box3): void {
    const layout = this.layout;
    if (!layout) return;
    const n = layout.positions.length / 3;
    for (let i = 0; i < n; i++) box.expandByPoint(layout.site(i, v));
    // Robots fly above the sites.
    if (n > 0) box.expandByPoint(v.set(box.min.x, box.max.y + this.siteRadius * 4, box.min.z));
  }

  pick(raycaster: Raycaster, store: ViewerStore): HoverInfo | null {
    if (!this.#sites || !store.graph) return null;
    const hit = raycaster.intersectObject(this.#sites, false)[0];
    if (!hit || hit.instanceId === undefined) return null;
    const i = hit.instanceId;
    const g = store.graph;
    const label = g.labels[i] !== '' ? `${g.labels[i]} (node ${g.nodeIds[i]})` : `node ${g.nodeIds[i]}`;
    const lines: string[] = [];
    if (this.layout?.hasPositions) {
      const p = g.positions;
      lines.push(`position ${p[3 * i].toFixed(1)}, ${p[3 * i + 1].toFixed(1)}, ${p[3 * i + 2].toFixed(1)} m`);
    }
    const k = store.allocationOfSite[i] ?? -1;
    const a = store.allocation;
    if (a && k >= 0) {
      const ucb = a.ucbs[k];
      lines.push(`mean ${a.means[k].toFixed(3)} · UCB ${ucb === null ? '∞' : ucb.toFixed(3)}`);
      lines.push(`samples ${a.samples[k]} · target robots ${a.targetCounts[k]}`);
    }
    lines.push(`robots here ${store.robotsAtSite[i] ?? 0}`);
    return { title: `site ${label}`, lines, distance: hit.distance };
  }

  dispose(): void {
    this.#clear();
    this.#siteMaterial.dispose();
    this.#edgeMaterial.dispose();
    this.#stalkMaterial.dispose();
    this.#groundMaterial.dispose();
  }

  #clear(): void {
    this.#sphere?.dispose();
    this.#sphere = null;
    for (const o of [this.#sites, this.#edges, this.#stalks]) {
      if (!o) continue;
      this.root.remove(o);
      if (o instanceof InstancedMesh) o.dispose();
      else o.geometry.dispose();
    }
    if (this.#ground) {
      this.root.remove(this.#ground);
      this.#ground.geometry.dispose();
    }
    this.#sites = this.#edges = this.#stalks = null;
    this.#ground = null;
    this.layout = null;
  }

  #rebuild(store: ViewerStore): void {
    this.#clear();
    const g = store.graph;
    if (!g || g.nodeIds.length === 0) return;
    const layout = new GraphLayout(g);
    this.layout = layout;
    const n = g.nodeIds.length;
    this.siteRadius = siteRadiusFor(layout.spacing, layout.nearest);

    // Fewer facets when there are many (small) spheres: software WebGL is bound by triangles.
    this.#sphere = n <= 80 ? new SphereGeometry(1, 24, 16) : n <= 250 ? new SphereGeometry(1, 14, 10) : new SphereGeometry(1, 8, 6);
    const sites = new InstancedMesh(this.#sphere, this.#siteMaterial, n);
    sites.name = 'sites';
    sites.instanceMatrix.setUsage(DynamicDrawUsage);
    for (let i = 0; i < n; i++) sites.setColorAt(i, UNSAMPLED_SITE);
    sites.instanceColor!.setUsage(DynamicDrawUsage);
    this.#sites = sites;
    this.root.add(sites);

    const edges = new Float32Array(g.edges.length * 3);
    for (let e = 0; e < g.edges.length; e++) edges.set(layout.positions.subarray(3 * g.edges[e], 3 * g.edges[e] + 3), 3 * e);
    const edgeGeometry = new BufferGeometry();
    edgeGeometry.setAttribute('position', new BufferAttribute(edges, 3));
    this.#edges = new LineSegments(edgeGeometry, this.#edgeMaterial);
    this.#edges.name = 'edges';
    this.root.add(this.#edges);

    if (layout.hasAltitude) {
      const stalks = new Float32Array(n * 6);
      for (let i = 0; i < n; i++) {
        layout.site(i, v);
        stalks.set([v.x, 0, v.z, v.x, v.y, v.z], 6 * i);
      }
      const stalkGeometry = new BufferGeometry();
      stalkGeometry.setAttribute('position', new BufferAttribute(stalks, 3));
      this.#stalks = new LineSegments(stalkGeometry, this.#stalkMaterial);
      this.root.add(this.#stalks);
    }
    this.#ground = this.#groundGrid(layout, n);
    this.root.add(this.#ground);
  }

  /** A ground grid under the sites' footprint (at altitude 0, or just below flat graphs). */
  #groundGrid(layout: GraphLayout, n: number): LineSegments {
    let x0 = Infinity, x1 = -Infinity, z0 = Infinity, z1 = -Infinity, y0 = Infinity;
    for (let i = 0; i < n; i++) {
      layout.site(i, v);
      x0 = Math.min(x0, v.x); x1 = Math.max(x1, v.x);
      z0 = Math.min(z0, v.z); z1 = Math.max(z1, v.z);
      y0 = Math.min(y0, v.y);
    }
    const margin = Math.max(layout.spacing, 0.08 * Math.max(x1 - x0, z1 - z0));
    const step = niceStep(Math.max(x1 - x0, z1 - z0, 1) / 10);
    x0 = Math.floor((x0 - margin) / step) * step; x1 = Math.ceil((x1 + margin) / step) * step;
    z0 = Math.floor((z0 - margin) / step) * step; z1 = Math.ceil((z1 + margin) / step) * step;
    const y = layout.hasAltitude ? 0 : y0 - this.siteRadius * 1.5;
    const lines: number[] = [];
    for (let x = x0; x <= x1 + step / 2; x += step) lines.push(x, y, z0, x, y, z1);
    for (let z = z0; z <= z1 + step / 2; z += step) lines.push(x0, y, z, x1, y, z);
    const geometry = new BufferGeometry();
    geometry.setAttribute('position', new BufferAttribute(new Float32Array(lines), 3));
    const grid = new LineSegments(geometry, this.#groundMaterial);
    grid.name = 'ground';
    return grid;
  }

  /** Colours sites by the chosen statistic and scales them by the robots standing on them. */
  #restyle(store: ViewerStore): void {
    const sites = this.#sites!;
    const n = sites.count;
    const truth = store.run?.truth;
    if (store.colorMode === 'truth' && truth?.unit === 'site' && store.graph) {
      this.#restyleByTruth(store, truth.means);
      return;
    }
    const a = store.allocation;
    const useUcb = store.colorMode === 'ucb';
    let lo = Infinity;
    let hi = -Infinity;
    if (a) {
      for (let i = 0; i < n; i++) {
        const k = store.allocationOfSite[i];
        if (k < 0 || a.samples[k] === 0) continue;
        const x = useUcb ? a.ucbs[k] : a.means[k];
        if (x === null) continue;
        lo = Math.min(lo, x);
        hi = Math.max(hi, x);
      }
    }
    this.range = lo <= hi ? [lo, hi] : null;
    for (let i = 0; i < n; i++) {
      const k = a ? store.allocationOfSite[i] : -1;
      if (!a || k < 0 || a.samples[k] === 0) sites.setColorAt(i, UNSAMPLED_SITE);
      else {
        const x = useUcb ? a.ucbs[k] : a.means[k];
        sites.setColorAt(i, rampColor(x === null ? 1 : hi > lo ? (x - lo) / (hi - lo) : 0.5, color));
      }
      this.#place(store, i);
    }
    sites.instanceMatrix.needsUpdate = true;
    sites.instanceColor!.needsUpdate = true;
    sites.computeBoundingSphere();
  }

  /** Colours every site by its true mean (ground truth; node id k is site k of the truth). */
  #restyleByTruth(store: ViewerStore, means: readonly number[]): void {
    const sites = this.#sites!;
    const ids = store.graph!.nodeIds;
    let lo = Infinity;
    let hi = -Infinity;
    for (const id of ids) {
      const m = means[id];
      if (m === undefined) continue;
      lo = Math.min(lo, m);
      hi = Math.max(hi, m);
    }
    this.range = lo <= hi ? [lo, hi] : null;
    for (let i = 0; i < sites.count; i++) {
      const m = means[ids[i]];
      if (m === undefined) sites.setColorAt(i, UNSAMPLED_SITE);
      else sites.setColorAt(i, rampColor(hi > lo ? (m - lo) / (hi - lo) : 0.5, color));
      this.#place(store, i);
    }
    sites.instanceMatrix.needsUpdate = true;
    sites.instanceColor!.needsUpdate = true;
    sites.computeBoundingSphere();
  }

  /** Positions site i, grown by the robots on it (capped so crowded sites do not swallow their neighbours). */
  #place(store: ViewerStore, i: number): void {
    const s = this.siteRadius * (1 + 0.45 * Math.sqrt(Math.min(store.robotsAtSite[i] ?? 0, 4)));
    this.layout!.site(i, dummy.position);
    dummy.scale.setScalar(s);
    dummy.updateMatrix();
    this.#sites!.setMatrixAt(i, dummy.matrix);
  }
}

/** 1, 2 or 5 times a power of ten, at least x. */
function niceStep(x: number): number {
  const p = 10 ** Math.floor(Math.log10(x));
  return [1, 2, 5, 10].map((m) => m * p).find((s) => s >= x) ?? 10 * p;
}

/**
 * Base sphere radius (scene units) for a layout: 0.14 of the typical edge length, but no more
 * than 0.38 of the lower quartile of nearest-neighbour distances, so on dense graphs at least
 * three sites in four stay clear of their nearest neighbour even with a robot on them (a
 * stricter quantile shrinks random graphs' spheres to specks); never below
 * 0.12 (a speck), never above 4.
 */
export function siteRadiusFor(spacing: number, nearest: number): number {
  const r = Math.min(spacing * 0.14, nearest > 0 ? nearest * 0.38 : Infinity);
  return Math.min(4, Math.max(0.12, r));
}
