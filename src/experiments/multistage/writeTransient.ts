/** Writes transient.csv and transient.svg (one panel per probe, one line per algorithm). */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { assignStyles } from '../algorithmStyles.js';
import type { MultistageScenario } from './schema.js';
import { transientCurves, type TransientSeries } from './transient.js';

/** `algorithms`: the scenario's entries, for each line the colour of its algorithm in every plot. */
export function transientPlotSpec(name: string, series: TransientSeries[], window: number, algorithms: readonly { name: string; label?: string }[] = []): TopLevelSpec {
  const domain = algorithms.map((a) => a.label ?? a.name);
  const range = assignStyles(algorithms.map((a) => a.name)).map((s) => s.color);
  const values = series.flatMap((s) => s.t.map((t, i) => ({ algorithm: s.algorithm, probe: s.probe, t, p: s.probability[i] })));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: `${name}: forwarding probabilities`, subtitle: `mean over runs and windows of ${window} rounds` },
    data: { values },
    facet: { row: { field: 'probe', type: 'nominal', title: null } },
    spec: {
      width: 640,
      height: 200,
      mark: { type: 'line', strokeWidth: 2 },
      encoding: {
        x: { field: 't', type: 'quantitative', title: 'round t' },
        y: { field: 'p', type: 'quantitative', title: 'probability', scale: { domain: [0, 1] } },
        color: { field: 'algorithm', type: 'nominal', title: null, ...(domain.length > 0 ? { scale: { domain, range }, sort: domain } : {}) },
      },
    },
    config: { font: 'sans-serif' },
  };
}

export async function writeTransient(scenario: MultistageScenario, dir: string): Promise<string[]> {
  if (!scenario.transient) return [];
  const series = transientCurves(scenario);
  const csv = ['algorithm,probe,t,probability', ...series.flatMap((s) => s.t.map((t, i) => `${JSON.stringify(s.algorithm)},${JSON.stringify(s.probe)},${t},${s.probability[i]}`))].join('\n') + '\n';
  const view = new vega.View(vega.parse(compile(transientPlotSpec(scenario.name, series, scenario.transient.window, scenario.algorithms)).spec), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  const files = [join(dir, 'transient.csv'), join(dir, 'transient.svg')];
  writeFileSync(files[0], csv);
  writeFileSync(files[1], svg);
  return files;
}
