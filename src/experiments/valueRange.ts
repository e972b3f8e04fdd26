/** `0.9` for one distinct value, `0.9-0.99` for several: parameter ranges in plot subtitles. */
export function valueRange(values: readonly number[]): string {
  if (values.length === 0) return '';
  let lo = values[0];
  let hi = values[0];
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo === hi ? `${lo}` : `${lo}-${hi}`;
}
