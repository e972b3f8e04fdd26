// The robots: one instance each of a cone pointing where it flies, in its own colour, gliding between the positions reported at successive steps.
import { Color, ConeGeometry, DynamicDrawUsage, Group, InstancedMesh, MeshStandardMaterial, Object3D, Raycaster, Vector3 } from 'three';
import type { RobotView } from '../../../nodes/bridge/protocol.js';
import { distinctColor } from '../colors.js';
import type { HoverInfo, SceneLayer } from '../SceneLayer.js';
import type { ViewerStore } from '../ViewerStore.js';
import type { GraphLayer } from './GraphLayer.js';

const PHASES = ['idle', 'initialising', 'in transition', 'exploiting', 'in transit'];
const PHASE_IN_TRANSIT = 4;

const dummy = new Object3D();
const color = new Color();
const v = new Vector3();
const w = new Vector3();

export class RobotLayer implements SceneLayer {
  readonly root = new Group();
  readonly #graph: GraphLayer;
  readonly #geometry = new ConeGeometry(0.45, 1.5, 14).rotateX(Math.PI / 2);
  readonly #material = new MeshStandardMaterial({ roughness: 0.35, metalness: 0.2, emissive: 0x111111 });
  #mesh: InstancedMesh | null = null;
  #count = 0;
  // Per robot: where the glide started and ends, the current position, heading and timing.
  #from = new Float32Array(0);
  #to = new Float32Array(0);
  #cur = new Float32Array(0);
  #heading = new Float32Array(0);
  #t0 = new Float64Array(0);
  #dur = new Float64Array(0);
  /** 1 once the robot has a position. */
  #placed = new Uint8Array(0);
  #version = -1;
  #graphVersion = -1;
  #size = 1;

  constructor(graph: GraphLayer) {
    this.#graph = graph;
  }

  /** Robot instances in the scene. */
  get count(): number {
    return this.#mesh?.count ?? 0;
  }

  /** Current scene position of each robot (null until placed). */
  positions(): ([number, number, number] | null)[] {
    const out: ([number, number, number] | null)[] = [];
    for (let i = 0; i < this.#count; i++) out.push(this.#placed[i] ? [this.#cur[3 * i], this.#cur[3 * i + 1], this.#cur[3 * i + 2]] : null);
    return out;
  }

  /** Scene position of robot i into `out` (false if not placed). */
  position(i: number, out: Vector3): boolean {
    if (i >= this.#count || !this.#placed[i]) return false;
    out.set(this.#cur[3 * i], this.#cur[3 * i + 1], this.#cur[3 * i + 2]);
    return true;
  }

  update(store: ViewerStore): void {
    if (store.robotsVersion === this.#version && store.graphVersion === this.#graphVersion) return;
    const regraph = store.graphVersion !== this.#graphVersion;
    this.#version = store.robotsVersion;
    this.#graphVersion = store.graphVersion;
    const n = store.robots.length;
    if (n !== this.#count) this.#resize(n);
    const layout = this.#graph.layout;
    if (!layout || n === 0) return;
    this.#size = this.#graph.siteRadius * 1.7;
    const now = performance.now();
    // Robots standing on the same site are spread on a small ring around it.
    const slots = new Map<number, number>();
    for (let i = 0; i < n; i++) {
      const r = store.robots[i];
      if (!r || !this.#target(store, r, slots, v)) continue;
      const j = 3 * i;
      const moved = Math.abs(v.x - this.#to[j]) + Math.abs(v.y - this.#to[j + 1]) + Math.abs(v.z - this.#to[j + 2]) > 1e-4;
      if (!this.#placed[i] || regraph) {
        this.#cur.set([v.x, v.y, v.z], j);
        this.#from.set([v.x, v.y, v.z], j);
        this.#to.set([v.x, v.y, v.z], j);
        this.#placed[i] = 1;
        this.#t0[i] = now;
        this.#dur[i] = 1;
      } else if (moved) {
        this.#from.set(this.#cur.subarray(j, j + 3), j);
        this.#to.set([v.x, v.y, v.z], j);
        this.#t0[i] = now;
        this.#dur[i] = store.stepMs * 0.9;
        const dx = v.x - this.#cur[j], dz = v.z - this.#cur[j + 2];
        if (Math.hypot(dx, dz) > 1e-3) this.#heading.set([dx, 0, dz], j);
      }
    }
  }

  animate(now: number): void {
    const mesh = this.#mesh;
    if (!mesh) return;
    for (let i = 0; i < this.#count; i++) {
      const j = 3 * i;
      if (!this.#placed[i]) {
        dummy.position.set(0, -1e4, 0);
        dummy.scale.setScalar(0);
      } else {
        const f = Math.min(1, Math.max(0, (now - this.#t0[i]) / this.#dur[i]));
        const e = f * f * (3 - 2 * f);
        for (let k = 0; k < 3; k++) this.#cur[j + k] = this.#from[j + k] + (this.#to[j + k] - this.#from[j + k]) * e;
        dummy.position.set(this.#cur[j], this.#cur[j + 1], this.#cur[j + 2]);
        dummy.scale.setScalar(this.#size);
        w.set(this.#cur[j] + this.#heading[j], this.#cur[j + 1], this.#cur[j + 2] + this.#heading[j + 2]);
        dummy.lookAt(w);
      }
      dummy.updateMatrix();
      mesh.setMatrixAt(i, dummy.matrix);
    }
    mesh.instanceMatrix.needsUpdate = true;
  }

  pick(raycaster: Raycaster, store: ViewerStore): HoverInfo | null {
    if (!this.#mesh) return null;
    this.#mesh.computeBoundingSphere();
    const hit = raycaster.intersectObject(this.#mesh, false)[0];
    if (!hit || hit.instanceId === undefined) return null;
    const r = store.robots[hit.instanceId];
    if (!r) return null;
    const name = (id: number) => {
      const s = store.site(id);
      const label = s >= 0 ? store.graph?.labels[s] : '';
      return label ? `${label}` : `node ${id}`;
    };
    const lines = [`${PHASES[r.phase] ?? `phase ${r.phase}`} · step ${r.step}`, `at ${name(r.node)}${r.target !== r.node ? ` → ${name(r.target)}` : ''}`, `goal ${name(r.goal)}`];
    if (r.position) lines.push(`pose ${r.position.map((x) => x.toFixed(1)).join(', ')} m`);
    return { title: `robot ${r.id}`, lines, distance: hit.distance };
  }

  dispose(): void {
    if (this.#mesh) {
      this.root.remove(this.#mesh);
      this.#mesh.dispose();
    }
    this.#geometry.dispose();
    this.#material.dispose();
  }

  /** Scene position robot r should glide to; false if it cannot be placed yet. */
  #target(store: ViewerStore, r: RobotView, slots: Map<number, number>, out: Vector3): boolean {
    const layout = this.#graph.layout!;
    const lift = this.#graph.siteRadius * 2.6;
    if (layout.hasPositions && r.position) {
      layout.toScene(r.position[0], r.position[1], r.position[2], out);
      out.y += lift;
      return true;
    }
    const s = store.site(r.node);
    if (s < 0) return false;
    layout.site(s, out);
    const t = store.site(r.target);
    if (r.phase === PHASE_IN_TRANSIT && t >= 0) {
      layout.site(t, w);
      out.lerp(w, 0.5);
    } else {
      const here = store.robotsAtSite[s] ?? 1;
      if (here > 1) {
        const k = slots.get(s) ?? 0;
        slots.set(s, k + 1);
        const angle = (2 * Math.PI * k) / here;
        const ring = this.#graph.siteRadius * 1.6;
        out.x += Math.cos(angle) * ring;
        out.z += Math.sin(angle) * ring;
      }
    }
    out.y += lift;
    return true;
  }

  #resize(n: number): void {
    if (this.#mesh) {
      this.root.remove(this.#mesh);
      this.#mesh.dispose();
    }
    const grow = <T extends Float32Array | Float64Array | Uint8Array>(old: T, make: (len: number) => T, len: number): T => {
      const a = make(len);
      a.set(old.subarray(0, Math.min(old.length, len)));
      return a;
    };
    this.#from = grow(this.#from, (l) => new Float32Array(l), 3 * n);
    this.#to = grow(this.#to, (l) => new Float32Array(l), 3 * n);
    this.#cur = grow(this.#cur, (l) => new Float32Array(l), 3 * n);
    this.#heading = grow(this.#heading, (l) => new Float32Array(l), 3 * n);
    for (let i = this.#count; i < n; i++) this.#heading[3 * i + 2] = 1;
    this.#t0 = grow(this.#t0, (l) => new Float64Array(l), n);
    this.#dur = grow(this.#dur, (l) => new Float64Array(l).fill(1), n);
    this.#placed = grow(this.#placed, (l) => new Uint8Array(l), n);
    this.#count = n;
    if (n === 0) {
      this.#mesh = null;
      return;
    }
    const mesh = new InstancedMesh(this.#geometry, this.#material, n);
    mesh.name = 'robots';
    mesh.instanceMatrix.setUsage(DynamicDrawUsage);
    mesh.frustumCulled = false; // instances move every frame; the bounding sphere would go stale
    for (let i = 0; i < n; i++) mesh.setColorAt(i, distinctColor(i, color));
    this.#mesh = mesh;
    this.root.add(mesh);
  }
}
