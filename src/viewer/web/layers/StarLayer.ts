// Erasure-channel learning as a star: the learner in the middle, its agents around it, each labelled with its id; a link flashes red when a command on it is erased, each agent is coloured by the arm it plays and ringed by the arm the learner last sent it.
import {
  Box3,
  BufferAttribute,
  BufferGeometry,
  Color,
  DynamicDrawUsage,
  Group,
  IcosahedronGeometry,
  InstancedMesh,
  LineBasicMaterial,
  LineSegments,
  Mesh,
  MeshBasicMaterial,
  MeshStandardMaterial,
  Object3D,
  Raycaster,
  SphereGeometry,
  type Sprite,
  TorusGeometry,
  Vector3,
} from 'three';
import { LINK_ERASED, LINK_IDLE, armColor } from '../colors.js';
import { disposeSprite, textSprite } from '../labels.js';
import type { HoverInfo, SceneLayer } from '../SceneLayer.js';
import type { ViewerStore } from '../ViewerStore.js';
import type { GraphLayer } from './GraphLayer.js';

/** How long an erasure flash takes to fade (ms). */
const FLASH_MS = 700;
/** Agents labelled one by one up to this many; beyond, every k-th so labels stay apart and cheap. */
const MAX_LABELS = 48;

const dummy = new Object3D();
const color = new Color();
const v = new Vector3();

export class StarLayer implements SceneLayer {
  readonly root = new Group();
  readonly #graph: GraphLayer;
  readonly #learnerGeometry = new IcosahedronGeometry(2.2, 1);
  readonly #learnerMaterial = new MeshStandardMaterial({ color: 0xe8edf5, roughness: 0.4, emissive: 0x223344 });
  readonly #agentGeometry = new SphereGeometry(1, 18, 12);
  readonly #agentMaterial = new MeshStandardMaterial({ roughness: 0.5 });
  readonly #ringGeometry = new TorusGeometry(1.7, 0.22, 8, 32);
  readonly #ringMaterial = new MeshBasicMaterial();
  readonly #linkMaterial = new LineBasicMaterial({ vertexColors: true });
  #learner: Mesh | null = null;
  #agents: InstancedMesh | null = null;
  #rings: InstancedMesh | null = null;
  #links: LineSegments | null = null;
  readonly #labels: Sprite[] = [];
  #count = 0;
  #radius = 0;
  #version = -1;
  #graphVersion = -1;
  #store: ViewerStore | null = null;

  constructor(graph: GraphLayer) {
    this.#graph = graph;
  }

  get agentCount(): number {
    return this.#agents?.count ?? 0;
  }

  /** Text labels drawn (agents and the learner). */
  get labelCount(): number {
    return this.#labels.length;
  }

  update(store: ViewerStore): void {
    this.#store = store;
    if (store.agentsVersion === this.#version && store.graphVersion === this.#graphVersion) return;
    this.#version = store.agentsVersion;
    let m = 0;
    for (const id of store.agents.keys()) m = Math.max(m, id + 1);
    for (const id of store.links.keys()) m = Math.max(m, id + 1);
    if (m !== this.#count || store.graphVersion !== this.#graphVersion) this.#build(m);
    this.#graphVersion = store.graphVersion;
    if (!this.#agents || !this.#rings) return;
    for (let j = 0; j < m; j++) {
      const a = store.agents.get(j);
      this.#agents.setColorAt(j, armColor(a ? a.played : -1, color));
      this.#rings.setColorAt(j, armColor(a ? a.sent : -1, color));
    }
    this.#agents.instanceColor!.needsUpdate = true;
    this.#rings.instanceColor!.needsUpdate = true;
  }

  animate(now: number): void {
    const links = this.#links;
    const store = this.#store;
    if (!links || !store) return;
    const attr = links.geometry.getAttribute('color') as BufferAttribute;
    const c = attr.array as Float32Array;
    for (let j = 0; j < this.#count; j++) {
      const t = store.erasedAt.get(j);
      const flash = t === undefined ? 0 : Math.max(0, 1 - (now - t) / FLASH_MS);
      color.copy(LINK_IDLE).lerp(LINK_ERASED, flash);
      c.set([0.55, 0.6, 0.7, color.r, color.g, color.b], 6 * j);
    }
    attr.needsUpdate = true;
  }

  bounds(box: Box3): void {
    if (!this.#learner) return;
    const r = this.#radius + 6; // the labels sit outside the ring
    box.expandByPoint(v.copy(this.#learner.position).addScalar(r));
    box.expandByPoint(v.copy(this.#learner.position).addScalar(-r));
  }

  pick(raycaster: Raycaster, store: ViewerStore): HoverInfo | null {
    if (this.#learner) {
      const hit = raycaster.intersectObject(this.#learner, false)[0];
      if (hit) {
        const l = store.learner;
        const lines = l ? [`${l.algorithm} · round ${l.round} · batch ${l.batch}`, `active arms ${l.activeArms.join(', ') || 'none'}`] : ['no learner state yet'];
        return { title: 'learner', lines, distance: hit.distance };
      }
    }
    if (!this.#agents) return null;
    const hit = raycaster.intersectObject(this.#agents, false)[0];
    if (!hit || hit.instanceId === undefined) return null;
    const j = hit.instanceId;
    const a = store.agents.get(j);
    const l = store.links.get(j);
    const arm = (x: number) => (x < 0 ? 'none' : `arm ${x}`);
    const lines: string[] = [];
    if (a) {
      lines.push(`plays ${arm(a.played)} · learner sent ${arm(a.sent)}`);
      lines.push(`round ${a.round} · command ${a.arrived ? 'arrived' : 'not arrived (repeats the last one)'}`);
    }
    if (l) {
      const rate = l.sent > 0 ? ((100 * l.erased) / l.sent).toFixed(1) : '0';
      lines.push(`link: ${l.erased} of ${l.sent} erased (${rate}%)${l.eps !== null ? ` · ε ${l.eps.toFixed(2)}` : ''}`);
    }
    return { title: `agent ${j}`, lines, distance: hit.distance };
  }

  dispose(): void {
    this.#build(0);
    this.#learnerGeometry.dispose();
    this.#learnerMaterial.dispose();
    this.#agentGeometry.dispose();
    this.#agentMaterial.dispose();
    this.#ringGeometry.dispose();
    this.#ringMaterial.dispose();
    this.#linkMaterial.dispose();
  }

  #build(m: number): void {
    for (const o of [this.#agents, this.#rings]) {
      if (!o) continue;
      this.root.remove(o);
      o.dispose();
    }
    if (this.#links) {
      this.root.remove(this.#links);
      this.#links.geometry.dispose();
    }
    if (this.#learner) this.root.remove(this.#learner);
    for (const label of this.#labels) {
      this.root.remove(label);
      disposeSprite(label);
    }
    this.#labels.length = 0;
    this.#agents = this.#rings = null;
    this.#links = null;
    this.#learner = null;
    this.#count = m;
    if (m === 0) return;

    // Beside the graph when there is one, else at the origin.
    const layout = this.#graph.layout;
    const radius = Math.max(14, m * 1.4);
    this.#radius = radius;
    const centre = new Vector3(layout ? layout.radius * 1.25 + radius + 10 : 0, 0, 0);
    this.#learner = new Mesh(this.#learnerGeometry, this.#learnerMaterial);
    this.#learner.position.copy(centre);
    this.#learner.name = 'learner';
    this.root.add(this.#learner);

    this.#agents = new InstancedMesh(this.#agentGeometry, this.#agentMaterial, m);
    this.#agents.name = 'agents';
    this.#rings = new InstancedMesh(this.#ringGeometry, this.#ringMaterial, m);
    this.#rings.name = 'commanded-rings';
    const links = new Float32Array(m * 6);
    for (let j = 0; j < m; j++) {
      const angle = (2 * Math.PI * j) / m - Math.PI / 2;
      v.set(centre.x + Math.cos(angle) * radius, 0, centre.z + Math.sin(angle) * radius);
      dummy.position.copy(v);
      dummy.rotation.set(0, 0, 0);
      dummy.scale.setScalar(1);
      dummy.updateMatrix();
      this.#agents.setMatrixAt(j, dummy.matrix);
      this.#agents.setColorAt(j, armColor(-1, color));
      dummy.rotation.set(Math.PI / 2, 0, 0);
      dummy.updateMatrix();
      this.#rings.setMatrixAt(j, dummy.matrix);
      this.#rings.setColorAt(j, armColor(-1, color));
      links.set([centre.x, centre.y, centre.z, v.x, v.y, v.z], 6 * j);
    }
    this.#agents.instanceColor!.setUsage(DynamicDrawUsage);
    this.#rings.instanceColor!.setUsage(DynamicDrawUsage);
    this.#agents.computeBoundingSphere();
    this.#rings.computeBoundingSphere();
    const geometry = new BufferGeometry();
    geometry.setAttribute('position', new BufferAttribute(links, 3));
    geometry.setAttribute('color', new BufferAttribute(new Float32Array(m * 6), 3).setUsage(DynamicDrawUsage));
    this.#links = new LineSegments(geometry, this.#linkMaterial);
    this.#links.name = 'links';
    this.root.add(this.#agents, this.#rings, this.#links);

    // Labels just outside each agent (its id), and above the learner.
    const every = Math.ceil(m / MAX_LABELS);
    for (let j = 0; j < m; j += every) {
      const angle = (2 * Math.PI * j) / m - Math.PI / 2;
      const label = textSprite(`agent ${j}`, 1.5);
      label.position.set(centre.x + Math.cos(angle) * (radius + 3.6), 0.9, centre.z + Math.sin(angle) * (radius + 3.6));
      this.#labels.push(label);
    }
    const learnerLabel = textSprite('learner', 1.7);
    learnerLabel.position.set(centre.x, centre.y + 4, centre.z);
    this.#labels.push(learnerLabel);
    this.root.add(...this.#labels);
  }
}
