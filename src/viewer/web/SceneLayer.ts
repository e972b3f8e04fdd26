// The contract of a scene element (graph, robots, allocation, erasure star, job tree): it owns its three.js objects, redraws from the store, animates per frame and cleans up after itself.
import type { Box3, Object3D, Raycaster } from 'three';
import type { ViewerStore } from './ViewerStore.js';

/** What the hover label shows for a picked object. */
export interface HoverInfo {
  title: string;
  lines: string[];
  /** Distance from the camera along the ray (the nearest pick wins). */
  distance: number;
}

/**
 * A scene element. The viewer calls `update(store)` when `store.version` changed, `animate(now)`
 * every frame (interpolation, fading; `now` is performance.now() in ms) and `dispose()` once.
 * Layers read the store; they never change it or decide anything about the mission.
 *
 * To add a family's layer: implement this, add its root to the scene in main.ts `init()`, and
 * push it onto `layers` (see the README's Viewer section).
 */
export interface SceneLayer {
  /** Added to the scene once; the layer adds and removes its children under it. */
  readonly root: Object3D;
  update(store: ViewerStore): void;
  animate(now: number): void;
  /** Hover label for the nearest object of this layer on the ray, or null. */
  pick?(raycaster: Raycaster, store: ViewerStore): HoverInfo | null;
  /** Grows `box` by what the camera should frame (nothing if the layer is empty). */
  bounds?(box: Box3): void;
  dispose(): void;
}
