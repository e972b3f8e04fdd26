/**
 * What the viewer's play, pause, speed and timeline controls act on: the paced embedded run
 * (`viewer/server/EmbeddedPacer`) or a recording being replayed (`viewer/server/ReplayPlayer`).
 * A viewer attached to a live ROS 2 graph has none: it cannot pause other processes.
 */

export interface RunStatus {
  paused: boolean;
  /** Multiple of wall-clock time; null = as fast as possible. */
  speed: number | null;
  /** The run ended, or the recording played to its end. */
  finished: boolean;
  /** Replay only: recording time range and cursor (ns). */
  timeline?: { startNs: number; endNs: number; cursorNs: number };
}

export interface RunControl {
  status(): RunStatus;
  play(): void;
  pause(): void;
  /** null = as fast as possible. Callers validate the range (see protocol MIN_SPEED..MAX_SPEED). */
  setSpeed(speed: number | null): void;
  /** Replay only: move the cursor to `timeNs` (clamped to the recording). */
  seek?(timeNs: number): void;
}
