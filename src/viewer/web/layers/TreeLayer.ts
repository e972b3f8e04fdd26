// Multi-stage learning as a tree of agents (robot -> edge server -> network) built from the jobs' paths, with each job a bead travelling down its path and coloured by its end-to-end cost when done.
import {
  Box3,
  BoxGeometry,
  BufferAttribute,
  BufferGeometry,
  Color,
  DynamicDrawUsage,
  Group,
  InstancedMesh,
  LineBasicMaterial,
  LineSegments,
  MeshStandardMaterial,
  Object3D,
  Raycaster,
  SphereGeometry,
  Vector3,
} from 'three';
import type { HoverInfo, SceneLayer } from '../SceneLayer.js';
import type { ViewerStore } from '../ViewerStore.js';
import type { GraphLayer } from './GraphLayer.js';

const HOP_MS = 450;
const FADE_MS = 1500;
const dummy = new Object3D();
const color = new Color();
const a = new Vector3();
const b = new Vector3();

interface Bead {
  hop: string;
  t0: number;
}

export class TreeLayer implements SceneLayer {
  readonly root = new Group();
  readonly #graph: GraphLayer;
  readonly #boxGeometry = new BoxGeometry(2.4, 2.4, 2.4);
  readonly #boxMaterial = new MeshStandardMaterial({ color: 0x8fa3bf, roughness: 0.6 });
  readonly #beadGeometry = new SphereGeometry(0.8, 12, 8);
  readonly #beadMaterial = new MeshStandardMaterial({ roughness: 0.3, emissive: 0x222222 });
  readonly #edgeMaterial = new LineBasicMaterial({ color: 0x5d6b80 });
  #stages: InstancedMesh | null = null;
  #edges: LineSegments | null = null;
  #beads: InstancedMesh | null = null;
  /** Scene position of each stage (agent id). */
  readonly #where = new Map<number, Vector3>();
  readonly #ids: number[] = [];
  readonly #parent = new Map<number, number>();
  readonly #depth = new Map<number, number>();
  readonly #beadState = new Map<number, Bead>();
  #version = -1;
  #store: ViewerStore | null = null;

  constructor(graph: GraphLayer) {
    this.#graph = graph;
  }

  get stageCount(): number {
    return this.#ids.length;
  }

  get jobCount(): number {
    return this.#beads?.count ?? 0;
  }

  update(store: ViewerStore): void {
    this.#store = store;
    if (store.jobsVersion === this.#version) return;
    this.#version = store.jobsVersion;
    if (store.jobs.length === 0 && this.#ids.length > 0) this.#reset();
    let grew = false;
    for (const job of store.jobs) {
      job.path.forEach((id, k) => {
        if (!this.#depth.has(id)) {
          this.#depth.set(id, k);
          if (k > 0) this.#parent.set(id, job.path[k - 1]);
          this.#ids.push(id);
          grew = true;
        }
      });
    }
    if (grew) this.#layout();
    const now = performance.now();
    const live = new Set<number>();
    for (const job of store.jobs) {
      live.add(job.id);
      const hop = `${job.path.length}|${job.cost === null ? '' : 'done'}`;
      const bead = this.#beadState.get(job.id);
      if (!bead || bead.hop !== hop) this.#beadState.set(job.id, { hop, t0: now });
    }
    for (const id of this.#beadState.keys()) if (!live.has(id)) this.#beadState.delete(id);
    this.#ensureBeads(store.jobs.length);
  }

  animate(now: number): void {
    const store = this.#store;
    const beads = this.#beads;
    if (!store || !beads) return;
    let k = 0;
    for (const job of store.jobs) {
      const bead = this.#beadState.get(job.id);
      const last = this.#where.get(job.path[job.path.length - 1]);
      if (!bead || !last) continue;
      const f = Math.min(1, (now - bead.t0) / HOP_MS);
      let scale = 1;
      if (job.cost === null) {
        const prev = job.path.length > 1 ? this.#where.get(job.path[job.path.length - 2]) : undefined;
        a.copy(prev ?? last);
        b.copy(last);
        dummy.position.copy(a.lerp(b, f));
        color.setRGB(0.9, 0.9, 1);
      } else {
        dummy.position.copy(last);
        dummy.position.y -= 2.5;
        scale = Math.max(0, 1 - (now - bead.t0) / FADE_MS);
        const c = Math.min(1, Math.max(0, job.cost));
        color.setRGB(0.25 + 0.75 * c, 0.85 - 0.6 * c, 0.3);
      }
      dummy.scale.setScalar(scale);
      dummy.updateMatrix();
      beads.setMatrixAt(k, dummy.matrix);
      beads.setColorAt(k, color);
      k++;
    }
    beads.count = k;
    beads.instanceMatrix.needsUpdate = true;
    if (beads.instanceColor) beads.instanceColor.needsUpdate = true;
  }

  bounds(box: Box3): void {
    for (const p of this.#where.values()) {
      box.expandByPoint(a.copy(p).addScalar(3));
      box.expandByPoint(a.copy(p).addScalar(-3));
    }
  }

  pick(raycaster: Raycaster, store: ViewerStore): HoverInfo | null {
    if (!this.#stages) return null;
    const hit = raycaster.intersectObject(this.#stages, false)[0];
    if (!hit || hit.instanceId === undefined) return null;
    const id = this.#ids[hit.instanceId];
    const depth = this.#depth.get(id) ?? 0;
    const held = store.jobs.filter((j) => j.cost === null && j.path[j.path.length - 1] === id).length;
    const lines = [`stage ${depth}${this.#parent.has(id) ? ` · parent agent ${this.#parent.get(id)}` : ' · root'}`, `jobs held now ${held}`];
    return { title: `agent ${id}`, lines, distance: hit.distance };
  }

  dispose(): void {
    this.#reset();
    this.#boxGeometry.dispose();
    this.#boxMaterial.dispose();
    this.#beadGeometry.dispose();
    this.#beadMaterial.dispose();
    this.#edgeMaterial.dispose();
  }

  #reset(): void {
    for (const o of [this.#stages, this.#beads]) {
      if (!o) continue;
      this.root.remove(o);
      o.dispose();
    }
    if (this.#edges) {
      this.root.remove(this.#edges);
      this.#edges.geometry.dispose();
    }
    this.#stages = this.#beads = null;
    this.#edges = null;
    this.#where.clear();
    this.#ids.length = 0;
    this.#parent.clear();
    this.#depth.clear();
    this.#beadState.clear();
  }

  /** Layered layout: depth goes down, stages of one depth side by side, left of the graph. */
  #layout(): void {
    const byDepth = new Map<number, number[]>();
    for (const id of this.#ids) {
      const d = this.#depth.get(id)!;
      byDepth.set(d, [...(byDepth.get(d) ?? []), id]);
    }
    const widest = Math.max(...[...byDepth.values()].map((l) => l.length));
    const layout = this.#graph.layout;
    const cx = layout ? -(layout.radius * 1.25 + widest * 4 + 10) : 0;
    for (const [d, ids] of byDepth) {
      ids.sort((x, y) => (this.#parent.get(x) ?? 0) - (this.#parent.get(y) ?? 0) || x - y);
      ids.forEach((id, i) => this.#where.set(id, new Vector3(cx + (i - (ids.length - 1) / 2) * 8, 30 - d * 14, 0)));
    }
    if (this.#stages) {
      this.root.remove(this.#stages);
      this.#stages.dispose();
    }
    if (this.#edges) {
      this.root.remove(this.#edges);
      this.#edges.geometry.dispose();
    }
    this.#stages = new InstancedMesh(this.#boxGeometry, this.#boxMaterial, this.#ids.length);
    this.#stages.name = 'stages';
    this.#ids.forEach((id, i) => {
      dummy.position.copy(this.#where.get(id)!);
      dummy.scale.setScalar(1);
      dummy.updateMatrix();
      this.#stages!.setMatrixAt(i, dummy.matrix);
    });
    this.#stages.computeBoundingSphere();
    const segs: number[] = [];
    for (const [child, parent] of this.#parent) {
      const p = this.#where.get(parent);
      const c = this.#where.get(child);
      if (p && c) segs.push(p.x, p.y, p.z, c.x, c.y, c.z);
    }
    const geometry = new BufferGeometry();
    geometry.setAttribute('position', new BufferAttribute(new Float32Array(segs), 3));
    this.#edges = new LineSegments(geometry, this.#edgeMaterial);
    this.root.add(this.#stages, this.#edges);
  }

  #ensureBeads(n: number): void {
    if (this.#beads && this.#beads.instanceMatrix.count >= n) return;
    if (this.#beads) {
      this.root.remove(this.#beads);
      this.#beads.dispose();
    }
    const capacity = Math.max(16, n * 2);
    this.#beads = new InstancedMesh(this.#beadGeometry, this.#beadMaterial, capacity);
    this.#beads.name = 'jobs';
    this.#beads.instanceMatrix.setUsage(DynamicDrawUsage);
    this.#beads.frustumCulled = false;
    this.#beads.setColorAt(0, color.setRGB(1, 1, 1));
    this.#beads.instanceColor!.setUsage(DynamicDrawUsage);
    this.#beads.count = 0;
    this.root.add(this.#beads);
  }
}
