// One service behaviour suite for every transport (embedded, embedded strict CDR, rclnodejs over the
// fake API, real ROS 2 when sourced with crazyflie_interfaces): requests and responses as plain
// objects, answers now or later, and calls that always settle: no server, no answer (timeout), a
// destroyed client.
import { afterEach, describe, expect, it } from 'vitest';
import type { CrazyflieInterfacesGoToRequest, CrazyflieInterfacesTakeoffRequest } from '../../../src/msg/index.js';
import type { NodeHandle } from '../../../src/runtime/NodeHandle.js';
import { ServiceCallError } from '../../../src/runtime/ServiceCallError.js';
import { RosUnavailableError } from '../../../src/runtime/ros/RclnodejsTransport.js';
import { backends, until, type Harness } from './backends.js';

const TAKEOFF = 'crazyflie_interfaces/srv/Takeoff';
const GO_TO = 'crazyflie_interfaces/srv/GoTo';
type Empty = Record<string, never>;

/** Advances node time until `promise` settles; returns how it settled. */
async function outcome<T>(h: Harness, promise: Promise<T>, maxSeconds = 3): Promise<{ value?: T; error?: unknown }> {
  let result: { value?: T; error?: unknown } | null = null;
  promise.then(
    (value) => (result = { value }),
    (error: unknown) => (result = { error }),
  );
  await until(h, () => result !== null, maxSeconds);
  if (result === null) throw new Error(`the call did not settle within ${maxSeconds} s of node time`);
  return result;
}

describe.each(backends)('service contract: $name', (backend) => {
  let h: Harness;
  afterEach(async () => {
    await h?.close();
  });

  async function open(skip: () => void): Promise<{ server: NodeHandle; client: NodeHandle } | null> {
    h = await backend.open();
    const server = h.transport.createNode('cf_server', { namespace: h.ns });
    const client = h.transport.createNode('cf_client', { namespace: h.ns });
    try {
      client.createServiceClient(TAKEOFF, 'probe').destroy();
    } catch (err) {
      if (err instanceof RosUnavailableError && h.realtime) {
        skip();
        return null;
      }
      throw err;
    }
    return { server, client };
  }

  describe.skipIf(backend.skip)('services', () => {
    it('answers a request: the server sees the request as sent, the caller gets the response', async (ctx) => {
      const nodes = await open(() => ctx.skip());
      if (!nodes) return;
      const seen: CrazyflieInterfacesGoToRequest[] = [];
      const server = nodes.server.createService<CrazyflieInterfacesGoToRequest, Empty>(GO_TO, 'cf1/go_to', (req) => {
        seen.push(req);
        return {};
      });
      const client = nodes.client.createServiceClient<CrazyflieInterfacesGoToRequest, Empty>(GO_TO, 'cf1/go_to');
      expect(client.name).toBe(`${h.ns}/cf1/go_to`);
      expect(server.name).toBe(`${h.ns}/cf1/go_to`);
      await h.discovery();
      expect(await outcome(h, client.waitForService(2))).toEqual({ value: true });
      expect(client.isServiceAvailable()).toBe(true);
      const request = { group_mask: 0, relative: false, goal: { x: 1.5, y: -2, z: 0.75 }, yaw: 0, duration: { sec: 2, nanosec: 500_000_000 } };
      expect(await outcome(h, client.call(request, 1))).toEqual({ value: {} });
      expect(seen).toEqual([request]);
    });

    it('a response given later (a promise) reaches the caller; one after the timeout is ignored', async (ctx) => {
      const nodes = await open(() => ctx.skip());
      if (!nodes) return;
      const later: (() => void)[] = [];
      nodes.server.createService<CrazyflieInterfacesTakeoffRequest, Empty>(TAKEOFF, 'takeoff', () => new Promise<Empty>((done) => later.push(() => done({}))));
      nodes.server.createTimer(0.2, () => later.shift()?.());
      const client = nodes.client.createServiceClient<CrazyflieInterfacesTakeoffRequest, Empty>(TAKEOFF, 'takeoff');
      await h.discovery();
      const request = { group_mask: 0, height: 0.5, duration: { sec: 2, nanosec: 0 } };
      expect(await outcome(h, client.call(request, 1))).toEqual({ value: {} });
      // Answered 0.2 s late, but this caller gives up after 0.05 s.
      const late = await outcome(h, client.call(request, 0.05));
      expect(late.error).toBeInstanceOf(ServiceCallError);
      expect((late.error as ServiceCallError).kind).toBe('timeout');
      await h.advance(0.5); // the late answer arrives and goes nowhere
    });

    it('no server: the call fails at once as unavailable; waitForService gives up after its timeout', async (ctx) => {
      const nodes = await open(() => ctx.skip());
      if (!nodes) return;
      const client = nodes.client.createServiceClient<CrazyflieInterfacesTakeoffRequest, Empty>(TAKEOFF, 'cf9/takeoff');
      expect(client.isServiceAvailable()).toBe(false);
      const failed = await outcome(h, client.call({ group_mask: 0, height: 0.5, duration: { sec: 1, nanosec: 0 } }, 5), 1);
      expect(failed.error).toBeInstanceOf(ServiceCallError);
      expect((failed.error as ServiceCallError).kind).toBe('unavailable');
      expect((failed.error as Error).message).toBe(`no server for service '${h.ns}/cf9/takeoff' (${TAKEOFF})`);
      expect(await outcome(h, client.waitForService(0.2), 2)).toEqual({ value: false });
    });

    it('a server that never answers: the call times out, nothing hangs; destroying the client ends pending calls', async (ctx) => {
      const nodes = await open(() => ctx.skip());
      if (!nodes) return;
      let requests = 0;
      nodes.server.createService<CrazyflieInterfacesTakeoffRequest, Empty>(TAKEOFF, 'takeoff', () => {
        requests++;
        return new Promise<Empty>(() => {});
      });
      const client = nodes.client.createServiceClient<CrazyflieInterfacesTakeoffRequest, Empty>(TAKEOFF, 'takeoff');
      await h.discovery();
      const request = { group_mask: 0, height: 0.5, duration: { sec: 1, nanosec: 0 } };
      const t0 = nodes.client.now();
      const timedOut = await outcome(h, client.call(request, 0.3));
      expect((timedOut.error as ServiceCallError).kind).toBe('timeout');
      expect((timedOut.error as Error).message).toBe(`service '${h.ns}/takeoff' did not answer within 0.3 s`);
      const waited = (nodes.client.now() - t0) / 1e9;
      expect(waited).toBeGreaterThanOrEqual(0.29);
      if (!h.realtime) expect(waited).toBeLessThan(0.35);
      expect(requests).toBe(1);
      const pending = outcome(h, client.call(request));
      client.destroy();
      expect(((await pending).error as ServiceCallError).kind).toBe('destroyed');
    });
  });
});
