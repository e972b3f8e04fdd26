// The committed src/msg/definitions.generated.ts must equal what scripts/gen-msg.mjs makes from msg/ now.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SCRIPT = path.join(ROOT, 'scripts', 'gen-msg.mjs');

function run(args: string[]): string {
  return execFileSync(process.execPath, [SCRIPT, ...args], { cwd: ROOT, encoding: 'utf8' });
}

describe('scripts/gen-msg.mjs', () => {
  it('generated module is up to date with msg/ (run `node scripts/gen-msg.mjs` if this fails)', () => {
    const committed = readFileSync(path.join(ROOT, 'src', 'msg', 'definitions.generated.ts'), 'utf8');
    expect(run(['--stdout'])).toBe(committed);
  });

  it('--check agrees', () => {
    expect(() => run(['--check'])).not.toThrow();
  });

  it('rejects a .msg with a bad field name, naming file and line', async () => {
    const { generate } = (await import(pathToFileURL(SCRIPT).href)) as { generate: (msgDir: string) => string };
    const dir = mkdtempSync(path.join(tmpdir(), 'gen-msg-'));
    try {
      writeFileSync(path.join(dir, 'Bad.msg'), '# Bad.\nstd_msgs/Header header\nint32 armIndex\n');
      expect(() => generate(dir)).toThrow(/msg\/Bad\.msg:3: field name 'armIndex' does not match/);
      writeFileSync(path.join(dir, 'Bad.msg'), '# Bad.\nMissing thing\n');
      expect(() => generate(dir)).toThrow(/fleet_bandits_msgs\/msg\/Missing is referenced but msg\/Missing\.msg does not exist/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
