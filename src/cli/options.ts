/** Parsers for numeric command-line options that fail with a usage error naming the option. */
import { InvalidArgumentError } from 'commander';
import { PLOT_FORMATS, type PlotFormat } from '../experiments/plotFiles.js';

export function intOption(name: string, min: number, max = Number.MAX_SAFE_INTEGER) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^-?\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min || n > max) {
      throw new InvalidArgumentError(`${name} must be an integer in [${min}, ${max}], found '${value}'`);
    }
    return n;
  };
}

export function numberOption(name: string, min: number, max = Infinity) {
  return (value: string): number => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n) || n < min || n > max) {
      throw new InvalidArgumentError(`${name} must be a number in [${min}, ${max}], found '${value}'`);
    }
    return n;
  };
}

export function listOption(value: string): string[] {
  return value.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
}

/** A comma-separated list of integers in [min, max], e.g. `--sweep 1000,10000`. */
export function intListOption(name: string, min: number, max = Number.MAX_SAFE_INTEGER) {
  const one = intOption(name, min, max);
  return (value: string): number[] => {
    const items = listOption(value);
    if (items.length === 0) throw new InvalidArgumentError(`${name} needs at least one integer, found '${value}'`);
    return items.map(one);
  };
}

/** `auto` or a worker-thread count in [0, 1024]. */
export function workersOption(value: string): number | 'auto' {
  return value.trim() === 'auto' ? 'auto' : intOption('--workers', 0, 1024)(value);
}

/** Comma-separated plot formats, each one of svg, png, pdf. */
export function formatsOption(value: string): PlotFormat[] {
  const list = listOption(value);
  const bad = list.filter((f) => !(PLOT_FORMATS as readonly string[]).includes(f));
  if (list.length === 0 || bad.length > 0) {
    throw new InvalidArgumentError(`--formats takes a comma-separated list of ${PLOT_FORMATS.join(', ')}, found '${value}'`);
  }
  return list as PlotFormat[];
}
