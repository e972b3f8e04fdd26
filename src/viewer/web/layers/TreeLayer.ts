// Multi-stage learning as a tree of agents (robot -> edge server -> network), laid out from the stages' states and the jobs' paths: each edge is tinted and labelled with the parent's live forwarding probability, the paths of the most recent jobs are drawn over the edges (coloured by cost), and each job in flight is a bead travelling down its path.
import {
  Box3,
  BoxGeometry,
  BufferAttribute,
  BufferGeometry,
  CanvasTexture,
  Color,
  DynamicDrawUsage,
  Group,
  InstancedMesh,
  LineBasicMaterial,
  LineSegments,
  MeshStandardMaterial,
  Object3D,
  Raycaster,
  SRGBColorSpace,
  SphereGeometry,
  Sprite,
  SpriteMaterial,
  Vector3,
} from 'three';
import type { HoverInfo, SceneLayer } from '../SceneLayer.js';
import type { ViewerStore } from '../ViewerStore.js';
import type { GraphLayer } from './GraphLayer.js';

const HOP_MS = 450;
const FADE_MS = 1500;
/** Paths of this many most recent jobs are drawn over the edges. */
const RECENT_PATHS = 8;
/** Edges with a probability label at most (larger trees show tints only). */
const MAX_LABELS = 200;
const LABEL_PX_W = 128;
const LABEL_PX_H = 56;
const LABEL_W = 3.2;
const EDGE_UNKNOWN = new Color(0x5d6b80);
const EDGE_COLD = new Color(0x2c3646);
const EDGE_HOT = new Color(0x4fd1ff);
const dummy = new Object3D();
const color = new Color();
const a = new Vector3();
const b = new Vector3();

interface Bead {
  hop: string;
  t0: number;
}

interface Label {
  sprite: Sprite;
  canvas: HTMLCanvasElement;
  texture: CanvasTexture;
  text: string;
}

/** Cost colour of a finished job: green (0) to red (1). */
function costColor(cost: number, out: Color): Color {
  const c = Math.min(1, Math.max(0, cost));
  return out.setRGB(0.25 + 0.75 * c, 0.85 - 0.6 * c, 0.3);
}

export class TreeLayer implements SceneLayer {
  readonly root = new Group();
  readonly #graph: GraphLayer;
  readonly #boxGeometry = new BoxGeometry(2.4, 2.4, 2.4);
  readonly #boxMaterial = new MeshStandardMaterial({ color: 0x8fa3bf, roughness: 0.6 });
  readonly #beadGeometry = new SphereGeometry(0.8, 12, 8);
  readonly #beadMaterial = new MeshStandardMaterial({ roughness: 0.3, emissive: 0x222222 });
  readonly #edgeMaterial = new LineBasicMaterial({ vertexColors: true });
  readonly #pathMaterial = new LineBasicMaterial({ vertexColors: true });
  #stages: InstancedMesh | null = null;
  #edges: LineSegments | null = null;
  #paths: LineSegments | null = null;
  #beads: InstancedMesh | null = null;
  /** Scene position of each agent id. */
  readonly #where = new Map<number, Vector3>();
  readonly #ids: number[] = [];
  readonly #known = new Set<number>();
  readonly #parent = new Map<number, number>();
  /** Child ordinal of an agent under its parent, once a stage state named it. */
  readonly #ordinal = new Map<number, number>();
  /** Edges in drawing order, by child id (the parent is #parent of it). */
  #edgeChildren: number[] = [];
  readonly #labels = new Map<number, Label>();
  readonly #beadState = new Map<number, Bead>();
  #version = -1;
  #stagesVersion = -1;
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
    if (store.jobsVersion === this.#version && store.stagesVersion === this.#stagesVersion) return;
    const jobsChanged = store.jobsVersion !== this.#version;
    this.#version = store.jobsVersion;
    this.#stagesVersion = store.stagesVersion;
    if (store.jobs.length === 0 && store.stages.size === 0 && this.#ids.length > 0) this.#reset();
    let grew = false;
    const add = (id: number, parent: number | null) => {
      if (!this.#known.has(id)) {
        this.#known.add(id);
        this.#ids.push(id);
        grew = true;
      }
      if (parent !== null && this.#parent.get(id) !== parent) {
        this.#parent.set(id, parent);
        grew = true;
      }
    };
    for (const job of store.jobs) job.path.forEach((id, k) => add(id, k > 0 ? job.path[k - 1] : null));
    for (const st of store.stages.values()) {
      add(st.id, null);
      st.children.forEach((c, i) => {
        add(c, st.id);
        if (this.#ordinal.get(c) !== i) {
          this.#ordinal.set(c, i);
          grew = true;
        }
      });
    }
    if (grew) this.#layout();
    this.#tintEdges(store);
    if (jobsChanged) {
      this.#drawPaths(store);
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
        costColor(job.cost, color);
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
    const depth = this.#depthOf(id);
    const held = store.jobs.filter((j) => j.cost === null && j.path[j.path.length - 1] === id).length;
    const lines = [`stage ${depth}${this.#parent.has(id) ? ` · parent agent ${this.#parent.get(id)}` : ' · root'}`, `jobs held now ${held}`];
    const st = store.stages.get(id);
    if (st) {
      lines.push(`forwarding (round ${st.round}):`);
      st.children.slice(0, 12).forEach((c, i) => lines.push(`→ agent ${c}: ${st.probabilities[i] === null ? '–' : st.probabilities[i]!.toFixed(3)} (${st.picks[i]} jobs)`));
    } else if (![...this.#parent.values()].includes(id)) {
      lines.push('leaf (service)');
    }
    return { title: `agent ${id}`, lines, distance: hit.distance };
  }

  dispose(): void {
    this.#reset();
    this.#boxGeometry.dispose();
    this.#boxMaterial.dispose();
    this.#beadGeometry.dispose();
    this.#beadMaterial.dispose();
    this.#edgeMaterial.dispose();
    this.#pathMaterial.dispose();
  }

  #depthOf(id: number): number {
    let d = 0;
    for (let n = id; this.#parent.has(n) && d <= this.#ids.length; n = this.#parent.get(n)!) d++;
    return d;
  }

  #reset(): void {
    for (const o of [this.#stages, this.#beads]) {
      if (!o) continue;
      this.root.remove(o);
      o.dispose();
    }
    for (const o of [this.#edges, this.#paths]) {
      if (!o) continue;
      this.root.remove(o);
      o.geometry.dispose();
    }
    this.#clearLabels();
    this.#stages = this.#beads = null;
    this.#edges = this.#paths = null;
    this.#where.clear();
    this.#ids.length = 0;
    this.#known.clear();
    this.#parent.clear();
    this.#ordinal.clear();
    this.#edgeChildren = [];
    this.#beadState.clear();
  }

  #clearLabels(): void {
    for (const l of this.#labels.values()) {
      this.root.remove(l.sprite);
      l.texture.dispose();
      l.sprite.material.dispose();
    }
    this.#labels.clear();
  }

  /** Tidy layered layout: depth goes down, leaves side by side in child order, each parent centred over its children; left of the graph. */
  #layout(): void {
    const kids = new Map<number, number[]>();
    const roots: number[] = [];
    for (const id of this.#ids) {
      const p = this.#parent.get(id);
      if (p === undefined || !this.#known.has(p)) roots.push(id);
      else kids.set(p, [...(kids.get(p) ?? []), id]);
    }
    const order = (x: number, y: number) => (this.#ordinal.get(x) ?? x) - (this.#ordinal.get(y) ?? y) || x - y;
    const slotX = new Map<number, number>();
    const depth = new Map<number, number>();
    let slots = 0;
    const place = (id: number, d: number): number => {
      depth.set(id, d);
      const below = (kids.get(id) ?? []).filter((k) => !depth.has(k)).sort(order);
      const x = below.length === 0 ? slots++ : below.reduce((sum, k) => sum + place(k, d + 1), 0) / below.length;
      slotX.set(id, x);
      return x;
    };
    for (const r of roots.sort(order)) place(r, 0);
    const layout = this.#graph.layout;
    const cx = layout ? -(layout.radius * 1.25 + slots * 3 + 10) : 0;
    for (const id of this.#ids) this.#where.set(id, new Vector3(cx + ((slotX.get(id) ?? 0) - (slots - 1) / 2) * 6, 30 - (depth.get(id) ?? 0) * 14, 0));
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
    this.#edgeChildren = [...this.#parent.keys()].filter((c) => this.#where.has(c) && this.#where.has(this.#parent.get(c)!));
    const segs: number[] = [];
    for (const c of this.#edgeChildren) {
      const p = this.#where.get(this.#parent.get(c)!)!;
      const q = this.#where.get(c)!;
      segs.push(p.x, p.y, p.z, q.x, q.y, q.z);
    }
    const geometry = new BufferGeometry();
    geometry.setAttribute('position', new BufferAttribute(new Float32Array(segs), 3));
    geometry.setAttribute('color', new BufferAttribute(new Float32Array(segs.length), 3).setUsage(DynamicDrawUsage));
    this.#edges = new LineSegments(geometry, this.#edgeMaterial);
    this.#edges.name = 'edges';
    this.root.add(this.#stages, this.#edges);
    this.#clearLabels();
  }

  /** Edge tint from the parent's forwarding probability (unknown: grey), and its label. */
  #tintEdges(store: ViewerStore): void {
    const edges = this.#edges;
    if (!edges) return;
    const colors = edges.geometry.getAttribute('color') as BufferAttribute;
    const labelled = this.#edgeChildren.length <= MAX_LABELS;
    this.#edgeChildren.forEach((c, e) => {
      const st = store.stages.get(this.#parent.get(c)!);
      const i = st ? st.children.indexOf(c) : -1;
      const p = i >= 0 ? st!.probabilities[i] : null;
      if (p === null) color.copy(EDGE_UNKNOWN);
      else color.copy(EDGE_COLD).lerp(EDGE_HOT, Math.sqrt(Math.min(1, Math.max(0, p))));
      colors.setXYZ(2 * e, color.r, color.g, color.b);
      colors.setXYZ(2 * e + 1, color.r, color.g, color.b);
      if (labelled && p !== null) this.#label(c, p);
    });
    colors.needsUpdate = true;
  }

  /** The probability label of the edge into `child`, on the edge below the middle. */
  #label(child: number, p: number): void {
    const text = p >= 0.995 ? '1.00' : p < 0.005 && p > 0 ? '<.01' : p.toFixed(2);
    let l = this.#labels.get(child);
    if (l && l.text === text) return;
    if (!l) {
      const canvas = document.createElement('canvas');
      canvas.width = LABEL_PX_W;
      canvas.height = LABEL_PX_H;
      const texture = new CanvasTexture(canvas);
      texture.colorSpace = SRGBColorSpace;
      const sprite = new Sprite(new SpriteMaterial({ map: texture, transparent: true, depthTest: false }));
      sprite.scale.set(LABEL_W, (LABEL_W * LABEL_PX_H) / LABEL_PX_W, 1);
      sprite.renderOrder = 2;
      const from = this.#where.get(this.#parent.get(child)!)!;
      const to = this.#where.get(child)!;
      // On the edge, far enough down that the labels of a fan's children do not overlap.
      sprite.position.copy(a.copy(from).lerp(to, 0.62));
      sprite.position.z += 1;
      sprite.name = `p_${child}`;
      this.root.add(sprite);
      l = { sprite, canvas, texture, text: '' };
      this.#labels.set(child, l);
    }
    l.text = text;
    const ctx = l.canvas.getContext('2d');
    if (!ctx) return;
    ctx.clearRect(0, 0, LABEL_PX_W, LABEL_PX_H);
    ctx.fillStyle = 'rgba(13, 17, 23, 0.78)';
    ctx.beginPath();
    ctx.roundRect(2, 2, LABEL_PX_W - 4, LABEL_PX_H - 4, 12);
    ctx.fill();
    color.copy(EDGE_COLD).lerp(EDGE_HOT, Math.sqrt(Math.min(1, Math.max(0, p))));
    ctx.fillStyle = p > 0.05 ? `#${color.getHexString()}` : '#8b96a8';
    ctx.font = 'bold 36px system-ui, sans-serif';
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.fillText(text, LABEL_PX_W / 2, LABEL_PX_H / 2 + 1);
    l.texture.needsUpdate = true;
  }

  /** The paths of the most recent jobs, newest brightest, side by side just in front of the edges. */
  #drawPaths(store: ViewerStore): void {
    if (this.#paths) {
      this.root.remove(this.#paths);
      this.#paths.geometry.dispose();
      this.#paths = null;
    }
    const recent = store.jobs.slice(-RECENT_PATHS);
    const pos: number[] = [];
    const col: number[] = [];
    recent.forEach((job, k) => {
      const age = (recent.length - 1 - k) / RECENT_PATHS;
      if (job.cost === null) color.setRGB(0.9, 0.9, 1);
      else costColor(job.cost, color);
      color.lerp(EDGE_COLD, 0.75 * age);
      const dx = (k - (recent.length - 1) / 2) * 0.22;
      for (let h = 1; h < job.path.length; h++) {
        const p = this.#where.get(job.path[h - 1]);
        const q = this.#where.get(job.path[h]);
        if (!p || !q) continue;
        pos.push(p.x + dx, p.y, p.z + 0.6, q.x + dx, q.y, q.z + 0.6);
        col.push(color.r, color.g, color.b, color.r, color.g, color.b);
      }
    });
    if (pos.length === 0) return;
    const geometry = new BufferGeometry();
    geometry.setAttribute('position', new BufferAttribute(new Float32Array(pos), 3));
    geometry.setAttribute('color', new BufferAttribute(new Float32Array(col), 3));
    this.#paths = new LineSegments(geometry, this.#pathMaterial);
    this.#paths.name = 'recent-paths';
    this.root.add(this.#paths);
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
