// The viewer page: builds the three.js scene and its layers, feeds them the bridge's frames, and renders; init / onWindowResize / animate / render as in three.js's examples.
import './style.css';
import {
  Box3,
  Color,
  DirectionalLight,
  HemisphereLight,
  PerspectiveCamera,
  Raycaster,
  Scene,
  Vector2,
  Vector3,
  WebGLRenderer,
} from 'three';
import { OrbitControls } from 'three/addons/controls/OrbitControls.js';
import { Connection } from './Connection.js';
import { Hud } from './hud/Hud.js';
import { AllocationLayer } from './layers/AllocationLayer.js';
import { DagLayer } from './layers/DagLayer.js';
import { GraphLayer } from './layers/GraphLayer.js';
import { RobotLayer } from './layers/RobotLayer.js';
import { StarLayer } from './layers/StarLayer.js';
import { TreeLayer } from './layers/TreeLayer.js';
import type { HoverInfo, SceneLayer } from './SceneLayer.js';
import { ViewerStore } from './ViewerStore.js';

/** Frames kept for frame-time statistics (window.__viewer.frameStats). */
const FRAME_WINDOW = 1200;

let renderer: WebGLRenderer;
let scene: Scene;
let camera: PerspectiveCamera;
let controls: OrbitControls;
let hud: Hud;
let connection: Connection;
let graphLayer: GraphLayer;
let robotLayer: RobotLayer;
let allocationLayer: AllocationLayer;
let starLayer: StarLayer;
let treeLayer: TreeLayer;
let dagLayer: DagLayer;
const layers: SceneLayer[] = [];
const store = new ViewerStore();
const raycaster = new Raycaster();
const pointer = new Vector2();
let pointerMoved = false;
let pointerInside = false;
let seenVersion = -1;
let framedKey = '';
// Frame timing: wall time between frames and time spent in animate() (updates + render).
const intervals = new Float64Array(FRAME_WINDOW);
const work = new Float64Array(FRAME_WINDOW);
let frames = 0;
let lastFrame = 0;

init();
animate();

function init(): void {
  const container = document.getElementById('scene')!;
  // Multisampling costs software WebGL (SwiftShader, llvmpipe) several times the frame time;
  // `?aa=1` or `?aa=0` overrides the choice.
  const aa = new URLSearchParams(location.search).get('aa');
  renderer = new WebGLRenderer({ antialias: aa !== null ? aa === '1' : !softwareRenderer() });
  renderer.setPixelRatio(Math.min(window.devicePixelRatio, 2));
  renderer.setSize(window.innerWidth, window.innerHeight);
  container.appendChild(renderer.domElement);

  scene = new Scene();
  scene.background = new Color(0x0d1117);
  camera = new PerspectiveCamera(50, window.innerWidth / window.innerHeight, 0.1, 20000);
  camera.position.set(60, 70, 90);
  controls = new OrbitControls(camera, renderer.domElement);
  controls.enableDamping = true; // needs controls.update() every frame (animate does it)
  controls.dampingFactor = 0.08;
  scene.add(new HemisphereLight(0xc8dcff, 0x202733, 1.6));
  const sun = new DirectionalLight(0xffffff, 2.2);
  sun.position.set(80, 160, 60);
  scene.add(sun);

  graphLayer = new GraphLayer();
  robotLayer = new RobotLayer(graphLayer);
  allocationLayer = new AllocationLayer(graphLayer, robotLayer);
  starLayer = new StarLayer(graphLayer);
  treeLayer = new TreeLayer(graphLayer);
  dagLayer = new DagLayer();
  layers.push(graphLayer, allocationLayer, robotLayer, starLayer, treeLayer, dagLayer);
  for (const layer of layers) scene.add(layer.root);

  hud = new Hud({
    send: (m) => connection.send(m),
    colorMode: (mode) => {
      store.colorMode = mode;
      store.version++;
    },
    colorRange: () => graphLayer.range,
    showTruth: (on) => {
      store.showTruth = on;
      store.version++;
    },
  });
  connection = new Connection(Connection.defaultUrl(), {
    onFrame: (frame) => {
      if (frame.type === 'state') store.apply(frame, performance.now());
      else if (frame.type === 'status') store.applyStatus(frame);
      else console.warn(`viewer: the server refused a message: ${frame.message}`);
    },
    onState: (state) => hud.connection(state),
  });

  window.addEventListener('resize', onWindowResize);
  renderer.domElement.addEventListener('pointermove', onPointerMove);
  renderer.domElement.addEventListener('pointerleave', () => {
    pointerInside = false;
    showTooltip(null);
  });
  renderer.domElement.addEventListener('dblclick', () => {
    framedKey = '';
  });
  exposeDebugHandle();
}

/** Whether WebGL runs on the CPU (no GPU, or a headless browser). */
function softwareRenderer(): boolean {
  const gl = document.createElement('canvas').getContext('webgl2');
  if (!gl) return true;
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  const name = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  return /swiftshader|llvmpipe|softpipe|software/i.test(name);
}

function onWindowResize(): void {
  camera.aspect = window.innerWidth / window.innerHeight;
  camera.updateProjectionMatrix();
  renderer.setSize(window.innerWidth, window.innerHeight);
}

function animate(): void {
  requestAnimationFrame(animate);
  const start = performance.now();
  if (store.version !== seenVersion) {
    seenVersion = store.version;
    for (const layer of layers) layer.update(store);
    hud.update(store);
    frameScene();
  }
  for (const layer of layers) layer.animate(start);
  controls.update();
  if (pointerMoved && pointerInside) {
    pointerMoved = false;
    hover();
  }
  render();
  const end = performance.now();
  if (lastFrame > 0) {
    intervals[frames % FRAME_WINDOW] = start - lastFrame;
    work[frames % FRAME_WINDOW] = end - start;
    frames++;
  }
  lastFrame = start;
}

function render(): void {
  renderer.render(scene, camera);
}

function onPointerMove(ev: PointerEvent): void {
  const rect = renderer.domElement.getBoundingClientRect();
  pointer.set(((ev.clientX - rect.left) / rect.width) * 2 - 1, -((ev.clientY - rect.top) / rect.height) * 2 + 1);
  pointerMoved = true;
  pointerInside = true;
  const tip = document.getElementById('tooltip')!;
  tip.style.left = `${ev.clientX + 14}px`;
  tip.style.top = `${ev.clientY + 14}px`;
}

/** Shows the label of the nearest object under the pointer, over every layer. */
function hover(): void {
  raycaster.setFromCamera(pointer, camera);
  let best: HoverInfo | null = null;
  for (const layer of layers) {
    const info = layer.pick?.(raycaster, store) ?? null;
    if (info && (!best || info.distance < best.distance)) best = info;
  }
  showTooltip(best);
}

function showTooltip(info: HoverInfo | null): void {
  const tip = document.getElementById('tooltip')!;
  tip.hidden = info === null;
  if (!info) return;
  const title = document.createElement('b');
  title.textContent = info.title;
  const lines = info.lines.map((text) => {
    const d = document.createElement('div');
    d.textContent = text;
    return d;
  });
  tip.replaceChildren(title, ...lines);
}

/** Points the camera at everything drawn when the scene's layout changes (double-click refits). */
function frameScene(): void {
  const key = `${store.graphVersion}|${starLayer.agentCount}|${treeLayer.stageCount}|${store.dagVersion}`;
  if (key === framedKey) return;
  const box = new Box3();
  for (const layer of layers) layer.bounds?.(box);
  if (box.isEmpty()) return;
  framedKey = key;
  const centre = box.getCenter(new Vector3());
  const size = box.getSize(new Vector3());
  const radius = Math.max(size.length() / 2, 5);
  let distance = (radius / Math.sin((camera.fov * Math.PI) / 360)) * 0.95;
  let dir = new Vector3(0.35, 0.75, 0.95).normalize();
  if (dagLayer.playerCount > 0 && store.graph === null && starLayer.agentCount === 0 && treeLayer.stageCount === 0) {
    // The DAG's cards face the camera: look at them head-on, either in the page's middle column
    // (free of panels top to bottom) or across most of its width between the top and bottom
    // panels, whichever shows them larger.
    const tan = Math.tan((camera.fov * Math.PI) / 360);
    const fit = (height: number, width: number) => Math.max(size.y / 2 / (tan * height), size.x / 2 / (tan * camera.aspect * width));
    distance = Math.max(Math.min(fit(0.9, 0.44), fit(0.46, 0.72)), 10) + size.z;
    dir = new Vector3(0, 0, 1);
  }
  camera.position.copy(centre).addScaledVector(dir, distance);
  camera.near = distance / 100;
  camera.far = distance * 20;
  camera.updateProjectionMatrix();
  controls.target.copy(centre);
  controls.update();
}

/** Counts and probes for tests and benchmarks (read-only). */
function exposeDebugHandle(): void {
  const stats = (a: Float64Array, n: number) => {
    const xs = Array.from(a.subarray(0, n)).sort((x, y) => x - y);
    const q = (p: number) => (xs.length === 0 ? NaN : xs[Math.min(xs.length - 1, Math.floor(p * xs.length))]);
    const mean = xs.reduce((s, x) => s + x, 0) / Math.max(1, xs.length);
    return { mean, p50: q(0.5), p95: q(0.95), p99: q(0.99), max: xs.length ? xs[xs.length - 1] : NaN };
  };
  const handle = {
    get robotCount() {
      return robotLayer.count;
    },
    get siteCount() {
      return graphLayer.siteCount;
    },
    get meshCounts() {
      return {
        sites: graphLayer.siteCount,
        edges: graphLayer.edgeCount,
        robots: robotLayer.count,
        targetRings: allocationLayer.ringCount,
        optimalRings: allocationLayer.optimalRingCount,
        labels: starLayer.labelCount,
        agents: starLayer.agentCount,
        stages: treeLayer.stageCount,
        jobs: treeLayer.jobCount,
        players: dagLayer.playerCount,
      };
    },
    robotPositions: () => robotLayer.positions(),
    /** CSS pixel position of site i on the page (for pointer tests), or null. */
    siteOnScreen(i: number): [number, number] | null {
      const layout = graphLayer.layout;
      if (!layout || i < 0 || i >= graphLayer.siteCount) return null;
      const p = layout.site(i, new Vector3()).project(camera);
      const rect = renderer.domElement.getBoundingClientRect();
      return [rect.left + ((p.x + 1) / 2) * rect.width, rect.top + ((1 - p.y) / 2) * rect.height];
    },
    /** CSS pixel position of DAG player i's card on the page, or null. */
    playerOnScreen(i: number): [number, number] | null {
      const p = dagLayer.cardPosition(i, new Vector3());
      if (!p) return null;
      p.project(camera);
      const rect = renderer.domElement.getBoundingClientRect();
      return [rect.left + ((p.x + 1) / 2) * rect.width, rect.top + ((1 - p.y) / 2) * rect.height];
    },
    /** Base sphere radius and the sites' lower-quartile nearest-neighbour distance (scene units). */
    get siteSpacing() {
      return { radius: graphLayer.siteRadius, nearest: graphLayer.layout?.nearest ?? 0 };
    },
    get run() {
      return store.run;
    },
    get regretPoints() {
      return hud.plot.pointCount;
    },
    get round() {
      return store.round;
    },
    /** Round of the first frame that drew anything (a live run waits for the page: 0). */
    get firstRound() {
      return store.firstRound;
    },
    get status() {
      return store.status;
    },
    get frames() {
      return frames;
    },
    /** Frame interval and per-frame work (ms) over the last frames (up to FRAME_WINDOW). */
    frameStats() {
      const n = Math.min(frames, FRAME_WINDOW);
      return { frames: n, interval: stats(intervals, n), work: stats(work, n), renderer: renderer.info.render };
    },
    resetFrameStats() {
      frames = 0;
      lastFrame = 0;
    },
  };
  (window as unknown as { __viewer: typeof handle }).__viewer = handle;
}
