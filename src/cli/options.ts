/** Parsers for numeric command-line options that fail with a usage error naming the option. */
import { InvalidArgumentError } from 'commander';

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
