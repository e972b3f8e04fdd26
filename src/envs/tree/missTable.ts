/**
 * Process-wide tables of exact deadline-miss probabilities, one per distinct (path link means,
 * time budget, horizon): the runs and algorithms of one scenario that a process (or worker)
 * simulates share them. Entries start as NaN and are filled by the first caller. Bounded: past
 * `MAX_ENTRIES` numbers in all, the tables are dropped (their holders keep theirs) and new
 * ones begin; a table longer than the bound is never kept (`null`: compute every time).
 */
const MAX_ENTRIES = 1 << 24;
const tables = new Map<string, Float64Array>();
let entries = 0;

export function missTable(key: string, length: number): Float64Array | null {
  let table = tables.get(key);
  if (table && table.length === length) return table;
  if (length > MAX_ENTRIES) return null;
  if (entries + length > MAX_ENTRIES) {
    tables.clear();
    entries = 0;
  }
  table = new Float64Array(length).fill(NaN);
  tables.set(key, table);
  entries += length;
  return table;
}
