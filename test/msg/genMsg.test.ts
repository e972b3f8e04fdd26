// The committed src/msg/definitions.generated.ts must equal what scripts/gen-msg.mjs makes from msg/ now.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { decode, encode, MsgType, SrvType } from '../../src/msg/index.js';

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

  it('turns each bundled .srv into <type>_Request and _Response with rosidl\'s CDR layout (an empty response is one placeholder byte)', () => {
    expect(Object.values(SrvType)).toEqual(['crazyflie_interfaces/srv/GoTo', 'crazyflie_interfaces/srv/Land', 'crazyflie_interfaces/srv/Takeoff']);
    const request = { group_mask: 3, relative: true, goal: { x: 1.5, y: -2, z: 0.75 }, yaw: 0.5, duration: { sec: 2, nanosec: 500 } };
    const bytes = encode(MsgType.CrazyflieInterfacesGoToRequest, request);
    // header | uint8 mask, bool relative, pad to 8 | Point x, y, z float64 | float32 yaw | int32 sec, uint32 nanosec
    expect(bytes.byteLength).toBe(4 + 44);
    const view = new DataView(bytes.buffer, bytes.byteOffset + 4);
    expect([view.getUint8(0), view.getUint8(1), view.getFloat64(8, true), view.getFloat64(16, true), view.getFloat64(24, true)]).toEqual([3, 1, 1.5, -2, 0.75]);
    expect([view.getFloat32(32, true), view.getInt32(36, true), view.getUint32(40, true)]).toEqual([0.5, 2, 500]);
    expect(decode(MsgType.CrazyflieInterfacesGoToRequest, bytes)).toEqual(request);
    expect([...encode(MsgType.CrazyflieInterfacesTakeoffResponse, {})]).toEqual([0, 1, 0, 0, 0]);
    expect(decode(MsgType.CrazyflieInterfacesTakeoffResponse, new Uint8Array([0, 1, 0, 0, 0]))).toEqual({});
  });
});
