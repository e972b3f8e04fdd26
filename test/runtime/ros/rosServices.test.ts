// Runtime services map to rclnodejs' node.createClient / node.createService (checked on the fake
// API): the calls and options, requests and responses as plain objects through the generated
// message classes' conversions, a one-shot node-clock timer per call that is destroyed when the
// call settles, missing types named, a throwing handler stopping the transport. Then the crazyflie
// adapter and the simulated Crazyflie, as node programs, over the fake ROS 2: take-off and pose.
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../../src/experiments/scenario/loadScenario.js';
import type { CrazyflieInterfacesTakeoffRequest } from '../../../src/msg/index.js';
import { robotNode } from '../../../src/nodes/graph/robotNode.js';
import { kinematicRobotNode } from '../../../src/nodes/kinematic/kinematicRobotNode.js';
import { planNodes } from '../../../src/nodes/plan.js';
import { createRclnodejsTransport, RosUnavailableError } from '../../../src/runtime/ros/RclnodejsTransport.js';
import { ServiceCallError } from '../../../src/runtime/ServiceCallError.js';
import { createFakeRclnodejs, type FakeRclnodejs } from '../../fakes/fakeRclnodejs.js';

const TAKEOFF = 'crazyflie_interfaces/srv/Takeoff';
type Empty = Record<string, never>;

async function setup(fake: FakeRclnodejs = createFakeRclnodejs()) {
  const transport = await createRclnodejsTransport({ rclnodejs: fake, argv: ['test'] });
  return { fake, transport };
}

/** Lets fake time pass in small steps, running promise continuations in between. */
async function pass(fake: FakeRclnodejs, seconds: number) {
  for (let t = 0; t < seconds; t += 0.001) {
    fake.advance(1_000_000);
    await new Promise<void>((r) => setImmediate(r));
  }
}

const request: CrazyflieInterfacesTakeoffRequest = { group_mask: 0, height: 0.5, duration: { sec: 2, nanosec: 0 } };

describe('RclnodejsTransport: services', () => {
  it('creates clients and services with {enableTypedArray: false} under the node\'s names, and answers through response.send', async () => {
    const { fake, transport } = await setup();
    const server = transport.createNode('cf_server');
    const seen: unknown[] = [];
    const service = server.createService<CrazyflieInterfacesTakeoffRequest, Empty>(TAKEOFF, 'cf1/takeoff', (req) => {
      seen.push(req);
      return {};
    });
    const client = transport.createNode('robot', { namespace: '/robot_0' }).createServiceClient<CrazyflieInterfacesTakeoffRequest, Empty>(TAKEOFF, '/cf1/takeoff');
    expect([client.name, service.name]).toEqual(['/cf1/takeoff', '/cf1/takeoff']);
    expect(fake.callsOf('Node.createClient', '/robot_0/robot').map((c) => c.args)).toEqual([[TAKEOFF, '/cf1/takeoff', { enableTypedArray: false }]]);
    expect(fake.callsOf('Node.createService', '/cf_server').map((c) => c.args)).toEqual([[TAKEOFF, 'cf1/takeoff', { enableTypedArray: false }]]);
    const answer = client.call(request, 1);
    await pass(fake, 0.01);
    expect(await answer).toEqual({});
    expect(seen).toEqual([request]);
    // The call's timeout timer is gone once it is answered.
    expect(fake.callsOf('Node.destroyTimer', '/robot_0/robot')).toHaveLength(1);
  });

  it('fails at once without a server, times out on the node clock, and ignores a late answer', async () => {
    const { fake, transport } = await setup();
    const client = transport.createNode('robot').createServiceClient<CrazyflieInterfacesTakeoffRequest, Empty>(TAKEOFF, '/cf2/takeoff');
    await expect(client.call(request, 1)).rejects.toMatchObject({ kind: 'unavailable', message: `no server for service '/cf2/takeoff' (${TAKEOFF})` });
    let answer: (r: Empty) => void = () => {};
    transport.createNode('slow').createService<CrazyflieInterfacesTakeoffRequest, Empty>(TAKEOFF, '/cf2/takeoff', () => new Promise<Empty>((r) => (answer = r)));
    const call = client.call(request, 0.05);
    call.catch(() => {});
    await pass(fake, 0.06);
    const err = await call.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ServiceCallError);
    expect((err as ServiceCallError).kind).toBe('timeout');
    answer({});
    await pass(fake, 0.01); // the late response arrives and is dropped without a trace
    expect(fake.uncaught).toEqual([]);
  });

  it('names a service type rclnodejs lacks, and a throwing handler stops the transport', async () => {
    const missing = await setup(createFakeRclnodejs({ missingTypes: [TAKEOFF] }));
    expect(() => missing.transport.createNode('robot').createServiceClient(TAKEOFF, '/cf1/takeoff')).toThrow(RosUnavailableError);
    const { fake, transport } = await setup();
    transport.createNode('cf_server').createService(TAKEOFF, '/cf1/takeoff', () => {
      throw new Error('broken vehicle');
    });
    void transport.createNode('robot').createServiceClient(TAKEOFF, '/cf1/takeoff').call(request, 1).catch(() => {});
    await pass(fake, 0.01);
    expect(transport.stopReason).toMatchObject({ by: 'failure' });
    expect((transport.stopReason as { error: Error }).error.message).toBe("broken vehicle [node=/cf_server in service handler of '/cf1/takeoff']");
  });

  it('the crazyflie adapter takes its simulated Crazyflie off over the fake ROS 2 and reads its pose', async () => {
    const { fake, transport } = await setup();
    const file = 'sim/scenarios/coverage-quick.yaml';
    const plan = planNodes(loadScenario(file).scenario, file, { adapter: 'crazyflie', horizon: 10 });
    const spec = (exe: string) => plan.nodes.find((n) => n.executable === exe && n.namespace === '/robot_0')!;
    for (const [exe, program] of [['kinematic_robot', kinematicRobotNode], ['robot', robotNode]] as const) {
      program(transport.createNode(exe, { namespace: '/robot_0', parameterOverrides: spec(exe).parameters }));
    }
    await pass(fake, 0.1);
    expect(fake.callsOf('Client.sendRequest', '/robot_0/robot')[0].args).toEqual(['/cf1/takeoff', { group_mask: 0, height: 0.5, duration: { sec: 2, nanosec: 0 } }]);
    expect(fake.logs.some((l) => l.logger === 'robot_0.robot' && l.message === "Crazyflie 'cf1' of robot 0 is up at 0.5 m")).toBe(true);
    expect(fake.logs.filter((l) => l.level === 'warn' || l.level === 'error' || l.level === 'fatal')).toEqual([]);
    expect(transport.stopReason).toBeUndefined();
    await transport.shutdown();
  });
});
