/** Leveled logging with the ROS 2 severities; sinks decide where lines go. */

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'fatal';
export const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error', 'fatal'];

export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  fatal(message: string): void;
}

export interface LogRecord {
  level: LogLevel;
  /** Node time in nanoseconds. */
  timeNs: number;
  /** Logger name (the node's fully qualified name). */
  name: string;
  message: string;
}

export type LogSink = (record: LogRecord) => void;

export function parseLogLevel(text: string): LogLevel {
  const l = text.toLowerCase() as LogLevel;
  if (!LOG_LEVELS.includes(l)) throw new Error(`log level '${text}' is unknown; known: ${LOG_LEVELS.join(', ')}`);
  return l;
}

/** A sink writing ROS-style lines `[INFO] [12.500000000] [/agent_0]: message` to stderr. */
export function stderrSink(minLevel: LogLevel = 'info'): LogSink {
  const min = LOG_LEVELS.indexOf(minLevel);
  return (r) => {
    if (LOG_LEVELS.indexOf(r.level) < min) return;
    const secs = (r.timeNs / 1e9).toFixed(9);
    process.stderr.write(`[${r.level.toUpperCase()}] [${secs}] [${r.name}]: ${r.message}\n`);
  };
}

/** A logger that forwards to a sink with the node name and clock attached. */
export function makeLogger(name: string, now: () => number, sink: LogSink): Logger {
  const at = (level: LogLevel) => (message: string) => sink({ level, timeNs: now(), name, message });
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error'), fatal: at('fatal') };
}
