// Ways to start a mission with the live viewer for browser tests: the synthetic mission in-process (through the same startLiveViewer/startEmbedded path as `run --view`) or the real CLI in a child process.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { ScenarioBase } from '../../src/experiments/Family.js';
import { startEmbedded } from '../../src/nodes/EmbeddedLaunch.js';
import type { NodePlan } from '../../src/nodes/plan.js';
import { builtViewerRoot } from '../../src/nodes/bridge/viewerRoot.js';
import { startLiveViewer } from '../../src/viewer/server/liveViewer.js';
import { repoRoot } from '../helpers/cli.js';
import { fakeMission } from './fakeMission.js';

export interface Mission {
  url: string;
  /** Stops the run and the server. */
  stop(): Promise<void>;
}

export interface SyntheticOptions {
  sites?: number;
  robots?: number;
  agents?: number;
  horizon?: number;
  /** Pace (multiple of wall-clock time); null = unpaced. */
  speed?: number | null;
  withPositions?: boolean;
  stepPeriod?: number;
  episodeSteps?: number;
  jobs?: boolean;
}

/** The synthetic mission on the embedded transport with the live viewer, in this process. */
export async function startSyntheticRun(o: SyntheticOptions = {}): Promise<Mission> {
  const { sites = 40, robots = 6, agents = 0, horizon = 100_000, speed = 1, withPositions = true, stepPeriod = 0.1, episodeSteps = 20, jobs = false } = o;
  const scenario: ScenarioBase = { name: 'synthetic-field', family: 'synthetic', seed: 1, horizon, runs: 1, grid: { points: 50, spacing: 'linear' }, algorithms: [{ name: 'fake-ucb', label: 'fake-UCB' }] };
  const plan: NodePlan = { scenario: 'synthetic', family: 'synthetic', algorithm: 'fake-UCB', seed: 1, run: 0, horizon, roundPeriod: stepPeriod, startTime: stepPeriod, nodes: [] };
  const viewer = await startLiveViewer({ port: 0, speed, bridge: { numAgents: agents, numRobots: robots } });
  const run = startEmbedded(plan, scenario, {
    logSink: () => {},
    drive: viewer.drive,
    attach: (transport) => {
      viewer.attach(transport);
      const node = transport.createNode('fake_mission', {
        parameterOverrides: { sites, robots, agents, horizon, with_positions: withPositions, step_period: stepPeriod, episode_steps: episodeSteps, jobs },
      });
      fakeMission(node);
    },
  });
  return {
    url: viewer.url,
    async stop() {
      run.stop();
      await run.done;
      await viewer.close();
    },
  };
}

/** `fleet-bandits run SCENARIO --view --port 0 ...args` in a child process (needs `npm run build`). */
export function startCliRun(scenario: string, args: string[] = []): Promise<Mission> {
  return startCliViewer(['run', scenario, '--view', '--port', '0', ...args]);
}

/** `fleet-bandits view --replay FILE --port 0 ...args` in a child process (needs `npm run build`). */
export function startCliReplay(file: string, args: string[] = []): Promise<Mission> {
  return startCliViewer(['view', '--replay', file, '--port', '0', ...args]);
}

async function startCliViewer(cliArgs: string[]): Promise<Mission> {
  const child: ChildProcess = spawn(process.execPath, ['bin/fleet-bandits.js', ...cliArgs], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no viewer URL within 30 s; output:\n${output}`)), 30_000);
    const onData = (d: Buffer) => {
      output += d.toString();
      const m = /viewer at (http:\/\/\S+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`fleet-bandits exited with ${code} before serving; output:\n${output}`));
    });
  });
  return {
    url,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise<void>((r) => child.once('exit', () => r()));
      child.kill('SIGINT');
      await exited;
    },
  };
}

/** Why the browser tests cannot run here, or null. */
export function browserTestSkipReason(): string | null {
  if (!existsSync('/usr/bin/chromium')) return 'skipped: /usr/bin/chromium is absent (CI installs Debian chromium; never a downloaded browser)';
  return null;
}

/** Fails clearly when the bundle is missing (the browser tests load the built viewer). */
export function requireBuiltViewer(): void {
  if (builtViewerRoot() === null) throw new Error('the viewer is not built: run `npm run build` (tsc, then vite build into dist/viewer/web) before the browser tests');
}

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'];
