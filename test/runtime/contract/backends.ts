// The transports the contract suite runs against: embedded (plain and strict CDR), rclnodejs over
// the fake API, and real rclnodejs when ROS 2 is sourced (ROS_DISTRO set).
import { cdrCodec } from '../../../src/runtime/memory/cdrCodec.js';
import { MemoryTransport } from '../../../src/runtime/memory/MemoryTransport.js';
import { createRclnodejsTransport } from '../../../src/runtime/ros/RclnodejsTransport.js';
import type { Transport } from '../../../src/runtime/Transport.js';
import { createFakeRclnodejs, type FakeRclnodejs } from '../../fakes/fakeRclnodejs.js';

export interface Harness {
  transport: Transport;
  /** Namespace for this test's nodes: unique on a real ROS graph, so runs do not hear each other. */
  ns: string;
  /** Lets `seconds` of node time pass: runs the virtual clock, or sleeps on real ROS 2. */
  advance(seconds: number): Promise<void>;
  /** Waits for DDS discovery between freshly created endpoints (instant on virtual transports). */
  discovery(): Promise<void>;
  /** Timing is approximate (real middleware on wall-clock time). */
  realtime: boolean;
  close(): Promise<void>;
}

export interface Backend {
  name: string;
  /** Skip the suite (real ROS 2 missing). */
  skip: boolean;
  open(): Promise<Harness>;
  /** The fake behind the transport, for backend-specific checks. */
  fake?: () => FakeRclnodejs | undefined;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function memoryBackend(name: string, strict: boolean): Backend {
  return {
    name,
    skip: false,
    async open() {
      const bus = new MemoryTransport({ codec: strict ? cdrCodec : undefined, logSink: () => {} });
      return {
        transport: bus,
        ns: '/t',
        advance: (s) => bus.run({ untilNs: bus.nowNs + Math.round(s * 1e9) }),
        discovery: async () => {},
        realtime: false,
        close: () => bus.shutdown(),
      };
    },
  };
}

function fakeBackend(): Backend {
  let current: FakeRclnodejs | undefined;
  return {
    name: 'rclnodejs (fake API)',
    skip: false,
    fake: () => current,
    async open() {
      const fake = createFakeRclnodejs();
      current = fake;
      const transport = await createRclnodejsTransport({ rclnodejs: fake, argv: ['contract'] });
      return {
        transport,
        ns: '/t',
        advance: async (s) => fake.advance(BigInt(Math.round(s * 1e9))),
        discovery: async () => {},
        realtime: false,
        close: () => transport.shutdown(),
      };
    },
  };
}

let realRuns = 0;

function realBackend(): Backend {
  return {
    name: 'rclnodejs (real ROS 2)',
    skip: !process.env.ROS_DISTRO,
    async open() {
      const transport = await createRclnodejsTransport({ argv: ['contract'] });
      return {
        transport,
        ns: `/contract_${process.pid}_${++realRuns}`,
        advance: (s) => sleep(s * 1000),
        discovery: () => sleep(1000),
        realtime: true,
        close: () => transport.shutdown(),
      };
    },
  };
}

export const backends: Backend[] = [memoryBackend('memory', false), memoryBackend('memory (strict CDR)', true), fakeBackend(), realBackend()];

/** Advances in small steps until `done()` holds or `maxSeconds` of node time passed. */
export async function until(h: Harness, done: () => boolean, maxSeconds: number, stepSeconds = 0.01): Promise<boolean> {
  for (let t = 0; t < maxSeconds; t += stepSeconds) {
    if (done()) return true;
    await h.advance(stepSeconds);
  }
  return done();
}
