// The planner's target allocation: a gold ring under every site robots are sent to (wider for more robots) and a faint line from each robot to its goal site; with the ground-truth overlay, a white ring under every site of an optimal allocation.
import {
  BufferAttribute,
  BufferGeometry,
  Color,
  DynamicDrawUsage,
  Group,
  InstancedMesh,
  LineBasicMaterial,
  LineSegments,
  MeshBasicMaterial,
  Object3D,
  TorusGeometry,
  Vector3,
} from 'three';
import { TARGET_RING, distinctColor } from '../colors.js';
import type { SceneLayer } from '../SceneLayer.js';
import type { ViewerStore } from '../ViewerStore.js';
import type { GraphLayer } from './GraphLayer.js';
import type { RobotLayer } from './RobotLayer.js';

const dummy = new Object3D();
const color = new Color();
const a = new Vector3();
const b = new Vector3();

export class AllocationLayer implements SceneLayer {
  readonly root = new Group();
  readonly #graph: GraphLayer;
  readonly #robots: RobotLayer;
  readonly #ringGeometry = new TorusGeometry(1, 0.07, 4, 28).rotateX(Math.PI / 2);
  readonly #ringMaterial = new MeshBasicMaterial({ color: TARGET_RING, transparent: true, opacity: 0.9 });
  readonly #lineMaterial = new LineBasicMaterial({ vertexColors: true, transparent: true, opacity: 0.45 });
  #rings: InstancedMesh | null = null;
  /** Optimal allocation (ground truth), shown by the overlay toggle. */
  readonly #optimalMaterial = new MeshBasicMaterial({ color: 0xffffff, transparent: true, opacity: 0.85 });
  #optimal: InstancedMesh | null = null;
  #lines: LineSegments | null = null;
  /** Goal site index per robot (-1 = none). */
  #goals = new Int32Array(0);
  #key = '';

  constructor(graph: GraphLayer, robots: RobotLayer) {
    this.#graph = graph;
    this.#robots = robots;
  }

  /** Sites with a target ring. */
  get ringCount(): number {
    return this.#rings?.count ?? 0;
  }

  /** Sites with an optimal-allocation ring (0 while the overlay is off). */
  get optimalRingCount(): number {
    return this.#optimal?.visible ? this.#optimal.count : 0;
  }

  update(store: ViewerStore): void {
    const key = `${store.graphVersion}|${store.allocationVersion}|${store.robotsVersion}|${store.runVersion}|${store.showTruth}`;
    if (key === this.#key) return;
    const rebuild = !this.#key.startsWith(`${store.graphVersion}|`);
    this.#key = key;
    const layout = this.#graph.layout;
    const n = store.graph?.nodeIds.length ?? 0;
    if (rebuild || !this.#rings || this.#rings.instanceMatrix.count !== n) this.#build(n);
    if (!layout || !this.#rings) return;

    const alloc = store.allocation;
    let k = 0;
    if (alloc) {
      for (let s = 0; s < n; s++) {
        const j = store.allocationOfSite[s];
        const c = j >= 0 ? alloc.targetCounts[j] : 0;
        if (c <= 0) continue;
        layout.site(s, dummy.position);
        dummy.position.y -= this.#graph.siteRadius * 0.2;
        dummy.scale.setScalar(this.#graph.siteRadius * (1.7 + 0.55 * c));
        dummy.updateMatrix();
        this.#rings.setMatrixAt(k++, dummy.matrix);
      }
    }
    this.#rings.count = k;
    this.#rings.instanceMatrix.needsUpdate = true;
    this.#updateOptimal(store);

    // Goal of each robot: the allocation's robot_goals, else the robot's own goal_node.
    const robots = store.robots;
    if (this.#goals.length !== robots.length) this.#buildLines(robots.length);
    for (let i = 0; i < robots.length; i++) {
      const r = robots[i];
      const goalId = alloc && i < alloc.robotGoals.length ? alloc.robotGoals[i] : r?.goal;
      this.#goals[i] = r && goalId !== undefined ? store.site(goalId) : -1;
    }
  }

  animate(): void {
    const lines = this.#lines;
    const layout = this.#graph.layout;
    if (!lines || !layout) return;
    const pos = lines.geometry.getAttribute('position') as BufferAttribute;
    const arr = pos.array as Float32Array;
    for (let i = 0; i < this.#goals.length; i++) {
      const g = this.#goals[i];
      if (g < 0 || !this.#robots.position(i, a)) {
        arr.fill(0, 6 * i, 6 * i + 6);
        continue;
      }
      layout.site(g, b);
      if (a.distanceTo(b) < this.#graph.siteRadius * 3) {
        arr.fill(0, 6 * i, 6 * i + 6); // arrived: no line
        continue;
      }
      arr.set([a.x, a.y, a.z, b.x, b.y, b.z], 6 * i);
    }
    pos.needsUpdate = true;
  }

  dispose(): void {
    this.#build(0);
    this.#buildLines(0);
    this.#ringGeometry.dispose();
    this.#ringMaterial.dispose();
    this.#optimalMaterial.dispose();
    this.#lineMaterial.dispose();
  }

  #updateOptimal(store: ViewerStore): void {
    const optimal = this.#optimal;
    const layout = this.#graph.layout;
    const truth = store.run?.truth;
    if (!optimal || !layout || !store.graph) return;
    optimal.visible = store.showTruth && truth?.unit === 'site';
    if (!optimal.visible || !truth) return;
    const ids = store.graph.nodeIds;
    let k = 0;
    for (let s = 0; s < ids.length; s++) {
      const c = truth.optimal[ids[s]] ?? 0;
      if (c <= 0) continue;
      layout.site(s, dummy.position);
      dummy.position.y -= this.#graph.siteRadius * 0.45;
      // Just outside the gold ring of the same count: where both agree, the two rings nest.
      dummy.scale.setScalar(this.#graph.siteRadius * (2.0 + 0.55 * c));
      dummy.updateMatrix();
      optimal.setMatrixAt(k++, dummy.matrix);
    }
    optimal.count = k;
    optimal.instanceMatrix.needsUpdate = true;
  }

  #build(n: number): void {
    if (this.#rings) {
      this.root.remove(this.#rings);
      this.#rings.dispose();
      this.#rings = null;
    }
    if (this.#optimal) {
      this.root.remove(this.#optimal);
      this.#optimal.dispose();
      this.#optimal = null;
    }
    if (n === 0) return;
    this.#optimal = new InstancedMesh(this.#ringGeometry, this.#optimalMaterial, n);
    this.#optimal.name = 'optimal-rings';
    this.#optimal.instanceMatrix.setUsage(DynamicDrawUsage);
    this.#optimal.frustumCulled = false;
    this.#optimal.count = 0;
    this.#optimal.visible = false;
    this.root.add(this.#optimal);
    this.#rings = new InstancedMesh(this.#ringGeometry, this.#ringMaterial, n);
    this.#rings.name = 'target-rings';
    this.#rings.instanceMatrix.setUsage(DynamicDrawUsage);
    this.#rings.frustumCulled = false;
    this.#rings.count = 0;
    this.root.add(this.#rings);
  }

  #buildLines(robots: number): void {
    if (this.#lines) {
      this.root.remove(this.#lines);
      this.#lines.geometry.dispose();
      this.#lines = null;
    }
    this.#goals = new Int32Array(robots).fill(-1);
    if (robots === 0) return;
    const geometry = new BufferGeometry();
    const position = new BufferAttribute(new Float32Array(robots * 6), 3).setUsage(DynamicDrawUsage);
    const colors = new Float32Array(robots * 6);
    for (let i = 0; i < robots; i++) {
      distinctColor(i, color);
      colors.set([color.r, color.g, color.b, color.r, color.g, color.b], 6 * i);
    }
    geometry.setAttribute('position', position);
    geometry.setAttribute('color', new BufferAttribute(colors, 3));
    this.#lines = new LineSegments(geometry, this.#lineMaterial);
    this.#lines.frustumCulled = false;
    this.root.add(this.#lines);
  }
}
