/**
 * Reads a results directory's summary.json back (for `fleet-bandits plot`), checking every field
 * the plot uses: a hand-edited or truncated file is a one-line error naming the file and field.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { UserInputError } from './UserInputError.js';

const finite = z.number().finite();
const savedSummarySchema = z.object({
  scenario: z.string(),
  setting: z.string().default(''),
  horizon: z.number().int().min(1),
  runs: z.number().int().min(1),
  seed: z.number().int(),
  algorithms: z
    .array(
      z.object({
        name: z.string(),
        algorithm: z.string().optional(),
        curve: z.array(z.object({ t: z.number().int().min(0), mean: finite, stderr: finite.min(0) })).min(1).max(100_000),
      }),
    )
    .min(1)
    .max(1000),
});

export type SavedPlotData = z.infer<typeof savedSummarySchema>;

/** 64 MiB: far above any summary `sim` writes (per-run curves go to runs.csv). */
const MAX_BYTES = 64 * 1024 * 1024;

export function readSavedSummary(dir: string): SavedPlotData {
  const file = join(dir, 'summary.json');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UserInputError(code === 'ENOENT' ? `${file}: not found (is '${dir}' a results directory written by fleet-bandits sim?)` : `${file}: ${(err as Error).message}`);
  }
  if (text.length > MAX_BYTES) throw new UserInputError(`${file}: larger than ${MAX_BYTES} bytes`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new UserInputError(`${file}: not JSON (${(err as Error).message})`);
  }
  const parsed = savedSummarySchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UserInputError(`${file}: ${issue.path.join('.') || '(top level)'}: ${issue.message}`);
  }
  return parsed.data;
}
