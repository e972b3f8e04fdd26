// The static import graph of src/: which modules a module loads when it is imported. Type-only
// imports are erased by the compiler and dynamic `import()` loads on demand, so neither counts.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { repoRoot } from './cli.js';

export const srcRoot = path.join(repoRoot, 'src');

export interface ModuleImports {
  /** Modules of src/ (paths relative to src/, `.ts`). */
  local: string[];
  /** npm packages by name (`@scope/name` or `name`); `node:` built-ins are left out. */
  packages: string[];
}

function isTypeOnly(node: ts.ImportDeclaration | ts.ExportDeclaration): boolean {
  if (ts.isExportDeclaration(node)) {
    if (node.isTypeOnly) return true;
    return node.exportClause !== undefined && ts.isNamedExports(node.exportClause) && node.exportClause.elements.length > 0 && node.exportClause.elements.every((e) => e.isTypeOnly);
  }
  const clause = node.importClause;
  if (!clause) return false; // `import './x.js'` runs x
  if (clause.isTypeOnly) return true;
  if (clause.name) return false;
  const bindings = clause.namedBindings;
  return bindings !== undefined && ts.isNamedImports(bindings) && bindings.elements.length > 0 && bindings.elements.every((e) => e.isTypeOnly);
}

function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** The run-time static imports of one module of src/ (`file` relative to src/). */
export function importsOf(file: string): ModuleImports {
  const full = path.join(srcRoot, file);
  const source = ts.createSourceFile(full, readFileSync(full, 'utf8'), ts.ScriptTarget.ES2022, false);
  const local: string[] = [];
  const packages: string[] = [];
  for (const statement of source.statements) {
    if (!(ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement))) continue;
    const spec = statement.moduleSpecifier;
    if (!spec || !ts.isStringLiteral(spec) || isTypeOnly(statement)) continue;
    const s = spec.text;
    if (s.startsWith('.')) local.push(path.relative(srcRoot, path.resolve(path.dirname(full), s.replace(/\.js$/, '.ts'))));
    else if (!s.startsWith('node:')) packages.push(packageName(s));
  }
  return { local, packages };
}

/** Every .ts module of src/ (relative paths), browser code included. */
export function sourceModules(dir = srcRoot): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceModules(full);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [path.relative(srcRoot, full)] : [];
  });
}

/** The graph of all of src/: module -> its run-time imports. */
export function importGraph(): Map<string, ModuleImports> {
  return new Map(sourceModules().map((m) => [m, importsOf(m)]));
}

/** Modules and packages loaded, statically, by importing `entry`. */
export function staticClosure(graph: Map<string, ModuleImports>, entry: string): { modules: Set<string>; packages: Set<string> } {
  const modules = new Set<string>();
  const packages = new Set<string>();
  const stack = [entry];
  while (stack.length > 0) {
    const m = stack.pop()!;
    if (modules.has(m)) continue;
    modules.add(m);
    const imports = graph.get(m);
    if (!imports) throw new Error(`${m} is imported but is not a module of src/`);
    for (const p of imports.packages) packages.add(p);
    stack.push(...imports.local);
  }
  return { modules, packages };
}

/** Import cycles: every strongly connected component with more than one module, or a self-import (Tarjan). */
export function importCycles(graph: Map<string, ModuleImports>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  const visit = (v: string) => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v)?.local ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || graph.get(v)?.local.includes(v)) cycles.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return cycles;
}
