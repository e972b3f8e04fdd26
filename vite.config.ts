// Vite build of the browser viewer: src/viewer/web -> dist/viewer/web (served by the bridge's ViewerServer).
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  root: here('./src/viewer/web'),
  // Relative asset URLs: the bundle works wherever it is served from.
  base: './',
  publicDir: here('./src/viewer/web/public'),
  logLevel: 'warn',
  build: {
    outDir: here('./dist/viewer/web'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    // three.js alone is about 700 kB minified; one chunk is fine for a local viewer.
    chunkSizeWarningLimit: 1500,
  },
});
