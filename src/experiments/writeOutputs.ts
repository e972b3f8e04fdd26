/**
 * Writes an experiment's summary.json, regret.csv and regret.svg into a directory, and
 * communication.svg when the family reports communication counters (erasure).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { describeErrno, InputFileError } from '../io/InputFileError.js';
import { join } from 'node:path';
import { renderCommunicationSvg, renderRegretSvg } from './plot.js';
import type { ExperimentSummary } from './summary.js';

export function regretCsv(summary: ExperimentSummary): string {
  const lines = ['algorithm,t,mean,stderr'];
  for (const a of summary.algorithms) for (const p of a.curve) lines.push(`${JSON.stringify(a.name)},${p.t},${p.mean},${p.stderr}`);
  return lines.join('\n') + '\n';
}

/** Returns the paths written. */
export async function writeOutputs(summary: ExperimentSummary, dir: string): Promise<string[]> {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (err) {
    throw new InputFileError(dir, `cannot create the output directory (${describeErrno(err)})`, { cause: err });
  }
  const files: Record<string, string> = {
    'summary.json': JSON.stringify(summary, null, 2) + '\n',
    'regret.csv': regretCsv(summary),
    'regret.svg': await renderRegretSvg(summary),
  };
  const communication = await renderCommunicationSvg(summary);
  if (communication !== undefined) files['communication.svg'] = communication;
  const written: string[] = [];
  for (const [name, text] of Object.entries(files)) {
    const path = join(dir, name);
    try {
      writeFileSync(path, text);
    } catch (err) {
      throw new InputFileError(path, `cannot write it (${describeErrno(err)})`, { cause: err });
    }
    written.push(path);
  }
  return written;
}
