// Command-line errors of the viewer: `view` without ROS 2, and `run --view` on a port that is taken, each a one-line usage error (exit 2).
import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

describe('fleet-bandits view / run --view errors', () => {
  it.skipIf(process.env.ROS_DISTRO !== undefined)('view without a ROS 2 environment says how to get one, or to replay', () => {
    const r = runCli(['view', '--port', '0'], { timeout: 60_000 });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('error: fleet-bandits view cannot attach to ROS 2');
    expect(r.stderr).toContain('fleet-bandits view --replay FILE.mcap');
  });

  describe('with a port taken', () => {
    let blocker: Server;
    let port: number;
    beforeAll(async () => {
      blocker = createServer();
      await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
      port = (blocker.address() as { port: number }).port;
    });
    afterAll(() => new Promise<void>((r) => blocker.close(() => r())));

    it('run --view names the port and the way out', () => {
      const r = runCli(['run', 'sim/scenarios/single-agent.yaml', '--view', '--port', String(port), '--horizon', '10']);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`error: cannot serve the viewer: port ${port} on 127.0.0.1 is in use; pick another with --port (0 = any free port)`);
    });
  });

  it('rejects a bad --port', () => {
    const r = runCli(['run', 'sim/scenarios/single-agent.yaml', '--view', '--port', '70000']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--port must be an integer in [0, 65535]');
  });
});
