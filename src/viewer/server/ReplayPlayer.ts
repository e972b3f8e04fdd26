/**
 * Plays a recording into a `BridgeState` on a timeline: play, pause, speed and seek from the
 * viewer's controls. The browser gets the same frames as from a live run, plus the timeline in
 * the status frame.
 *
 * Seeking forward feeds the messages in between; seeking backward rebuilds the state from the
 * start of the recording (about a microsecond per message), so every position shows exactly what
 * a live viewer showed at that time.
 *
 * The cursor opens at the first frame (`firstFrameNs`): round 0 complete, so a paused replay
 * shows the robots' and agents' initial state, the learner and the first regret point rather
 * than the bare graph latched a step earlier. The timeline starts there (t = 0 of the viewer):
 * seeking clamps to [firstFrameNs, end].
 *
 * Usage:
 *   const player = new ReplayPlayer(await readRecording('run.mcap'));
 *   const server = await ViewerServer.start({ root, source: player, control: player, mode: 'replay' });
 *   player.start();   // advances the cursor while playing
 */
import { MsgType } from '../../msg/definitions.generated.js';
import { BridgeState } from '../../nodes/bridge/BridgeState.js';
import type { StateFrame } from '../../nodes/bridge/protocol.js';
import type { RunControl, RunStatus } from '../../nodes/bridge/RunControl.js';
import type { FrameSource } from '../../nodes/bridge/ViewerServer.js';
import type { Recording } from './readRecording.js';

export interface ReplayPlayerOptions {
  /** Initial pace (multiple of recording time per wall-clock time); null = jump to the end. Default 1. */
  speed?: number | null;
  /** Start paused. Default false. */
  paused?: boolean;
  /** Wall-clock interval between cursor advances (ms). Default 30. */
  tickMs?: number;
  /** Bridge state to feed (default: a new one). */
  state?: BridgeState;
}

/** Messages whose first arrival makes the first frame (what moves: robots, agents, jobs). */
const FIRST_FRAME_TYPES: ReadonlySet<string> = new Set([MsgType.RobotState, MsgType.AgentTelemetry, MsgType.ArmCommand, MsgType.Job]);

/**
 * The first frame (ns): once round 0 is complete (the first RegretReport: agents have played,
 * the learner has reported) or, without one, at the first robot, agent or job message; the first
 * message when there is neither.
 */
export function firstFrameNs(recording: Recording): number {
  let moving: number | null = null;
  for (const m of recording.messages) {
    if (m.type === MsgType.RegretReport) return moving === null ? m.logTimeNs : Math.max(moving, m.logTimeNs);
    if (moving === null && FIRST_FRAME_TYPES.has(m.type)) moving = m.logTimeNs;
  }
  return moving ?? recording.startNs;
}

export class ReplayPlayer implements RunControl, FrameSource {
  readonly state: BridgeState;
  readonly #rec: Recording;
  readonly #tickMs: number;
  #paused: boolean;
  #speed: number | null;
  /** Recording time shown (ns); every message with logTimeNs <= cursor has been fed. */
  #cursor: number;
  /** Index of the next message to feed. */
  #next = 0;
  #timer: ReturnType<typeof setInterval> | undefined;
  /** Wall-clock time of the previous advance (ms); null before the first. */
  #lastWall: number | null = null;
  /** Where the cursor opens and where play starts over (see the file comment). */
  readonly firstFrameNs: number;

  constructor(recording: Recording, { speed = 1, paused = false, tickMs = 30, state }: ReplayPlayerOptions = {}) {
    this.#rec = recording;
    this.#tickMs = tickMs;
    this.#paused = paused;
    this.#speed = speed;
    this.state = state ?? new BridgeState();
    this.state.setRun(recording.run);
    this.firstFrameNs = firstFrameNs(recording);
    this.#cursor = this.firstFrameNs;
    this.#feedTo(this.#cursor); // the first frame is visible at once (graph, initial states)
  }

  get cursorNs(): number {
    return this.#cursor;
  }

  /** Starts advancing the cursor on a wall-clock timer. */
  start(): void {
    this.#lastWall = performance.now();
    this.#timer ??= setInterval(() => this.advance(performance.now()), this.#tickMs);
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  status(): RunStatus {
    return {
      paused: this.#paused,
      speed: this.#speed,
      finished: this.#cursor >= this.#rec.endNs,
      timeline: { startNs: this.firstFrameNs, endNs: this.#rec.endNs, cursorNs: this.#cursor },
    };
  }

  play(): void {
    if (this.#cursor >= this.#rec.endNs) this.seek(this.firstFrameNs);
    this.#paused = false;
  }

  pause(): void {
    this.#paused = true;
  }

  setSpeed(speed: number | null): void {
    this.#speed = speed;
  }

  seek(timeNs: number): void {
    const t = Math.min(Math.max(timeNs, this.firstFrameNs), this.#rec.endNs);
    if (t < this.#cursor) {
      this.state.reset();
      this.#next = 0;
    }
    this.#cursor = t;
    this.#feedTo(t);
  }

  /** Moves the cursor by the wall-clock time since the last call times the speed. */
  advance(wallMs: number): void {
    const dt = this.#lastWall === null ? 0 : Math.max(0, wallMs - this.#lastWall);
    this.#lastWall = wallMs;
    if (this.#paused || this.#cursor >= this.#rec.endNs) return;
    const t = this.#speed === null ? this.#rec.endNs : Math.min(this.#cursor + dt * 1e6 * this.#speed, this.#rec.endNs);
    this.#cursor = t;
    this.#feedTo(t);
  }

  snapshot(): StateFrame {
    return this.state.snapshot();
  }

  takeDelta(): StateFrame | null {
    return this.state.takeDelta();
  }

  #feedTo(t: number): void {
    const msgs = this.#rec.messages;
    while (this.#next < msgs.length && msgs[this.#next].logTimeNs <= t) {
      const m = msgs[this.#next++];
      this.state.ingest(m.type, m.message, m.topic);
    }
  }
}
