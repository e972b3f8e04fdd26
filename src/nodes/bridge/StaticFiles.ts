/**
 * The built viewer's files, read into memory once at start-up and served by exact URL path.
 * Requests are looked up in this table and never turned into file system paths, so no request
 * (`/../`, `%2e%2e`, backslashes, absolute paths, symlinks) can reach a file outside the bundle.
 */
import { lstat, readdir, readFile } from 'node:fs/promises';
import { extname, join, relative, sep } from 'node:path';

export interface StaticFile {
  body: Buffer;
  contentType: string;
}

/** Content types of what a vite build emits; anything else is served as octet-stream. */
export const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** Total bytes a bundle may hold (guards against pointing the server at a huge folder). */
const MAX_BUNDLE_BYTES = 64 * 1024 * 1024;

export class StaticFiles {
  readonly #files: ReadonlyMap<string, StaticFile>;

  private constructor(files: Map<string, StaticFile>) {
    this.#files = files;
  }

  /** An empty table (the viewer is not built). */
  static empty(): StaticFiles {
    return new StaticFiles(new Map());
  }

  /** Reads every regular file under `root` (symlinks are skipped). Throws if `root` is unreadable. */
  static async load(root: string): Promise<StaticFiles> {
    const files = new Map<string, StaticFile>();
    let total = 0;
    const entries = await readdir(root, { recursive: true, withFileTypes: true });
    for (const entry of entries) {
      const abs = join(entry.parentPath, entry.name);
      const st = await lstat(abs);
      if (!st.isFile()) continue;
      total += st.size;
      if (total > MAX_BUNDLE_BYTES) throw new Error(`viewer bundle at '${root}' is larger than ${MAX_BUNDLE_BYTES} bytes; is this the built viewer folder (dist/viewer/web)?`);
      const urlPath = '/' + relative(root, abs).split(sep).join('/');
      files.set(urlPath, { body: await readFile(abs), contentType: CONTENT_TYPES[extname(abs).toLowerCase()] ?? 'application/octet-stream' });
    }
    return new StaticFiles(files);
  }

  get size(): number {
    return this.#files.size;
  }

  /** URL paths served, sorted. */
  paths(): string[] {
    return [...this.#files.keys()].sort();
  }

  /** The file for a decoded URL path (`/` means `/index.html`), or undefined. */
  get(urlPath: string): StaticFile | undefined {
    return this.#files.get(urlPath === '/' ? '/index.html' : urlPath);
  }
}
