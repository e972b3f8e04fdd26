/**
 * Play, pause and speed for an embedded run: drives a `MemoryTransport` in short slices of
 * virtual time, each slice as long as the wall-clock time since the last one times the speed,
 * so the viewer can pause the run, change its pace, or let it run as fast as the CPU allows.
 *
 * `drive(transport, options)` is a paced `transport.run(options)`: it calls `run` once per slice
 * and keeps its contract (same options; resolves when no events remain, `untilNs` passes or
 * `shouldStop` says so; rejects with `run`'s error). The embedded launcher takes it as its
 * `drive` option.
 *
 * Usage:
 *   const pacer = new EmbeddedPacer({ speed: 1 });
 *   startEmbedded(plan, scenario, { drive: (t, o) => pacer.drive(t, o) });
 *   pacer.pause(); pacer.setSpeed(10); pacer.play();
 */
import type { MemoryTransport, RunOptions } from '../../runtime/memory/MemoryTransport.js';
import type { RunControl, RunStatus } from '../../nodes/bridge/RunControl.js';

export interface EmbeddedPacerOptions {
  /** Initial pace: multiple of wall-clock time; null = as fast as possible. Default 1. */
  speed?: number | null;
  /** Start paused. Default false. */
  paused?: boolean;
  /** Wall-clock length of one slice (milliseconds). Default 15 (about one browser frame). */
  sliceMs?: number;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export class EmbeddedPacer implements RunControl {
  #paused: boolean;
  #speed: number | null;
  #finished = false;
  /** Set by a control change; makes the running slice return so the new pace applies at once. */
  #changed = false;
  readonly #sliceMs: number;

  constructor({ speed = 1, paused = false, sliceMs = 15 }: EmbeddedPacerOptions = {}) {
    if (speed !== null && !(speed > 0 && Number.isFinite(speed))) throw new Error(`EmbeddedPacer: speed must be a positive number or null, found ${speed}`);
    this.#speed = speed;
    this.#paused = paused;
    this.#sliceMs = sliceMs;
  }

  status(): RunStatus {
    return { paused: this.#paused, speed: this.#speed, finished: this.#finished };
  }

  play(): void {
    this.#paused = false;
    this.#changed = true;
  }

  pause(): void {
    this.#paused = true;
    this.#changed = true;
  }

  setSpeed(speed: number | null): void {
    this.#speed = speed;
    this.#changed = true;
  }

  /** The run ended (shown as such by the viewer). */
  markFinished(): void {
    this.#finished = true;
  }

  /** Runs `transport` like `transport.run(options)`, paced by this control (see the file comment). */
  async drive(transport: MemoryTransport, options: RunOptions = {}): Promise<void> {
    const original = (o: RunOptions) => transport.run(o);
    const { untilNs = Infinity, shouldStop } = options;
    // Finishing the current instant (a recorder flushing at the end) has nothing to pace.
    if (untilNs <= transport.nowNs) return original(options);
    const stop = () => shouldStop?.() === true;
    const interrupt = () => stop() || this.#changed || this.#paused;
    let wall0 = performance.now();
    let virt0 = transport.nowNs;
    while (!stop() && transport.pendingEvents > 0 && transport.nowNs < untilNs) {
      if (this.#changed) {
        this.#changed = false;
        wall0 = performance.now();
        virt0 = transport.nowNs;
      }
      if (this.#paused) {
        await sleep(this.#sliceMs);
        continue;
      }
      if (this.#speed === null) {
        await original({ untilNs, shouldStop: interrupt });
        // Let sockets and timers run between bursts.
        await new Promise<void>((r) => setImmediate(r));
        continue;
      }
      const target = virt0 + (performance.now() - wall0) * 1e6 * this.#speed;
      await original({ untilNs: Math.min(target, untilNs), shouldStop: interrupt });
      await sleep(this.#sliceMs);
    }
  }
}
