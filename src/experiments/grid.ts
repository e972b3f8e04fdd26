/** The rounds at which regret curves are reported: linear or log-spaced, always ending at T. */
export function makeGrid(horizon: number, points: number, spacing: 'linear' | 'log'): Int32Array {
  const n = Math.min(points, horizon);
  const rounds = new Set<number>();
  for (let i = 1; i <= n; i++) {
    const t =
      spacing === 'linear'
        ? Math.round((i * horizon) / n)
        : Math.round(Math.exp((Math.log(horizon) * (i - 1)) / Math.max(1, n - 1)));
    rounds.add(Math.min(horizon, Math.max(1, t)));
  }
  rounds.add(horizon);
  return Int32Array.from([...rounds].sort((a, b) => a - b));
}
