/** The progress bar of long commands (sim, plot, replay, loading a recording): count, percentage and ETA, on stderr. */
import cliProgress from 'cli-progress';

export function progressBar(label: string, unit: string): cliProgress.SingleBar {
  return new cliProgress.SingleBar(
    {
      format: `${label} [{bar}] {percentage}% | {value}/{total} ${unit} | {duration_formatted} elapsed, ETA {eta_formatted}`,
      stream: process.stderr,
      etaBuffer: 50,
      fps: 5,
    },
    cliProgress.Presets.shades_classic,
  );
}
