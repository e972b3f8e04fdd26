// Lists the installed npm packages that the fleet_bandits program needs at run time, for
// CMakeLists.txt to install: every top-level entry of node_modules that is not a dev dependency
// (npm's own record, node_modules/.package-lock.json, marks those `dev: true`), present on disk.
// Optional dependencies (rclnodejs) are listed when npm installed them. Reads files only: no npm
// call, no network, so `colcon build` installs exactly what `npm ci` put there, minus dev tools.
//
// Usage: node production-modules.mjs <package root>   prints one path per line, e.g.
//   node_modules/commander
//   node_modules/@mcap/core
// and exits 1 with a message when the package has no node_modules (run `npm ci` first).
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { pathToFileURL } from 'node:url';

const TOP_LEVEL = /^node_modules\/(@[^/]+\/)?[^/]+$/;

/**
 * Top-level package paths of a package-lock (lockfileVersion 2 or 3) `packages` map that are not
 * dev dependencies, sorted. `exists(relativePath)` filters out optional packages npm skipped.
 * Nested `node_modules/a/node_modules/b` come with their parent's directory.
 */
export function productionModules(lock, exists = () => true) {
  const packages = lock?.packages;
  if (typeof packages !== 'object' || packages === null) throw new Error("the lock file has no 'packages' map (npm >= 7 writes lockfileVersion 2 or 3)");
  return Object.entries(packages)
    .filter(([key, entry]) => TOP_LEVEL.test(key) && entry?.dev !== true && entry?.link !== true && exists(key))
    .map(([key]) => key)
    .sort();
}

function main() {
  const root = path.resolve(process.argv[2] ?? '.');
  // npm's record of what is really installed; the package's own lock file as a fallback.
  const candidates = [path.join(root, 'node_modules', '.package-lock.json'), path.join(root, 'package-lock.json')];
  const file = candidates.find((f) => existsSync(f));
  if (!existsSync(path.join(root, 'node_modules')) || file === undefined) {
    process.stderr.write(`production-modules: ${root} has no node_modules; run 'npm ci && npm run build' there first\n`);
    process.exit(1);
  }
  let lock;
  try {
    lock = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    process.stderr.write(`production-modules: ${file}: ${err.message}\n`);
    process.exit(1);
  }
  for (const m of productionModules(lock, (p) => existsSync(path.join(root, p, 'package.json')))) process.stdout.write(`${m}\n`);
}

// Node resolves symlinks for the main module's URL, so compare real paths: a workspace whose src/
// holds a symlink to the checkout must still run main() (it once printed nothing and installed no
// node_modules at all).
const invoked = process.argv[1] !== undefined && existsSync(process.argv[1]) ? pathToFileURL(realpathSync(process.argv[1])).href : undefined;
if (invoked !== undefined && import.meta.url === invoked) main();
