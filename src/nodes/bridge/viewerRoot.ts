/** Locates the built viewer bundle (dist/viewer/web, written by `vite build`), from dist/ or from src/. */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The folder holding the built viewer's index.html, or null if the viewer is not built. */
export function builtViewerRoot(): string | null {
  // Compiled: dist/nodes/bridge/ -> dist/viewer/web/. Under vitest: src/nodes/bridge/ -> dist/viewer/web/
  // (never src/viewer/web/, which holds the unbuilt sources).
  for (const rel of ['../../viewer/web/', '../../../dist/viewer/web/']) {
    const dir = fileURLToPath(new URL(rel, import.meta.url));
    if (/[\\/]dist[\\/]viewer[\\/]web[\\/]$/.test(dir) && existsSync(`${dir}index.html`)) return dir;
  }
  return null;
}
