// The fake rclnodejs behaves like rclnodejs 2.2.0 where the transport could tell the difference.
import { describe, expect, it } from 'vitest';
import { createFakeRclnodejs, FakeFloatingPointRange, FakeIntegerRange, FakeParameter, FakeParameterDescriptor, FakeQoS, ParameterType } from './fakeRclnodejs.js';

const STRING = 'std_msgs/msg/String';

async function ready(argv: string[] = []) {
  const fake = createFakeRclnodejs();
  await fake.init(undefined, argv);
  return fake;
}

describe('fake rclnodejs', () => {
  it('initialises once per context, again after shutdown', async () => {
    const fake = await ready();
    await expect(fake.init(undefined, [])).rejects.toThrow('The context has already been initialized.');
    fake.shutdown();
    await expect(fake.init(undefined, [])).resolves.toBeUndefined();
  });

  it('types rcl overrides as YAML: 3 INTEGER (bigint), 3.0 DOUBLE, lists, node-scoped rules', async () => {
    const fake = await ready(['x', '--ros-args', '-p', 'a:=3', '-p', 'b:=3.0', '-p', 'c:=[1, 2]', '-p', 'd:=hi', '-p', 'other:e:=1', '-p', 'n:f:=true']);
    const n = fake.createNode('n');
    expect(n.getParameterOverrides().map((p) => [p.name, p.type, p.value])).toEqual([
      ['a', ParameterType.PARAMETER_INTEGER, 3n],
      ['b', ParameterType.PARAMETER_DOUBLE, 3],
      ['c', ParameterType.PARAMETER_INTEGER_ARRAY, [1n, 2n]],
      ['d', ParameterType.PARAMETER_STRING, 'hi'],
      ['f', ParameterType.PARAMETER_BOOL, true],
    ]);
  });

  it('validates Parameter values (INTEGER must become bigint) and descriptor ranges with rclnodejs defaults', () => {
    expect(new FakeParameter('k', ParameterType.PARAMETER_INTEGER, 3).value).toBe(3n);
    expect(() => new FakeParameter('k', ParameterType.PARAMETER_INTEGER, 2.5)).toThrow(RangeError);
    expect(() => new FakeParameter('x', ParameterType.PARAMETER_DOUBLE, 'a')).toThrow(TypeError);
    expect(() => new FakeParameter('ids', ParameterType.PARAMETER_INTEGER_ARRAY, [1, 2])).toThrow(TypeError);
    // FloatingPointRange's step defaults to 1: only the end points of [0, 1] are in range.
    expect(new FakeFloatingPointRange(0, 1).inRange(0.5)).toBe(false);
    expect(new FakeFloatingPointRange(0, 1, 0).inRange(0.5)).toBe(true);
    expect(new FakeIntegerRange(0n, 10n, 2n).inRange(3n)).toBe(false);
    expect(() => new FakeParameterDescriptor('x', ParameterType.PARAMETER_DOUBLE, 'd', false, new FakeIntegerRange(0n, 1n))).toThrow(/Incompatible Range/);
  });

  it('declares with overrides unless ignoreOverride, vetoes through on-set callbacks, refuses read-only changes', async () => {
    const fake = await ready(['x', '--ros-args', '-p', 'k:=5']);
    const n = fake.createNode('n');
    expect(n.declareParameter(new FakeParameter('k', ParameterType.PARAMETER_INTEGER, 1n))!.value).toBe(5n);
    expect(n.declareParameter(new FakeParameter('j', ParameterType.PARAMETER_INTEGER, 1n), undefined, true)!.value).toBe(1n);
    n.declareParameter(new FakeParameter('ro', ParameterType.PARAMETER_BOOL, true), new FakeParameterDescriptor('ro', ParameterType.PARAMETER_BOOL, 'd', true));
    expect(n.setParameter(new FakeParameter('ro', ParameterType.PARAMETER_BOOL, false))).toEqual({ successful: false, reason: 'Parameter ro is readonly' });
    n.addOnSetParametersCallback(() => ({ successful: false, reason: 'no' }));
    expect(n.setParameter(new FakeParameter('j', ParameterType.PARAMETER_INTEGER, 2n))).toEqual({ successful: false, reason: 'no' });
    expect(n.getParameter('j').value).toBe(1n);
    expect(n.getParameter('missing').type).toBe(ParameterType.PARAMETER_NOT_SET);
  });

  it('needs bigint timer periods and runs timers and deliveries only while the node spins', async () => {
    const fake = await ready();
    const n = fake.createNode('n');
    expect(() => n.createTimer(100 as unknown as bigint, () => {})).toThrow(/period must be a bigint/);
    let ticks = 0;
    n.createTimer(100_000_000n, () => ticks++);
    const got: string[] = [];
    n.createSubscription(STRING, 't', {}, (m) => got.push((m as { data: string }).data));
    n.createPublisher(STRING, 't').publish({ data: 'a' });
    fake.advance(250_000_000n);
    expect([ticks, got]).toEqual([0, []]);
    n.spin();
    expect(() => n.spin()).toThrow('The node is already spinning.');
    fake.advance(250_000_000n);
    expect([ticks, got]).toEqual([3, ['a']]); // fires at 0.3, 0.4, 0.5 s
  });

  it('matches QoS like DDS and keeps the last depth messages per subscription', async () => {
    const fake = await ready();
    const n = fake.createNode('n');
    n.spin();
    const reliable: string[] = [];
    const shallow: string[] = [];
    const be = new FakeQoS(FakeQoS.HistoryPolicy.RMW_QOS_POLICY_HISTORY_KEEP_LAST, 10, FakeQoS.ReliabilityPolicy.RMW_QOS_POLICY_RELIABILITY_BEST_EFFORT, FakeQoS.DurabilityPolicy.RMW_QOS_POLICY_DURABILITY_VOLATILE);
    n.createSubscription(STRING, 'x', { qos: FakeQoS.profileDefault }, (m) => reliable.push((m as { data: string }).data));
    n.createSubscription(STRING, 'y', { qos: new FakeQoS(1, 2, 1, 2) }, (m) => shallow.push((m as { data: string }).data));
    n.createPublisher(STRING, 'x', { qos: be }).publish({ data: 'lost' });
    const y = n.createPublisher(STRING, 'y');
    for (const d of ['1', '2', '3']) y.publish({ data: d });
    fake.advance(1_000_000n);
    expect(reliable).toEqual([]);
    expect(shallow).toEqual(['2', '3']);
  });

  it('throws like a missing interface package for unknown types', async () => {
    const fake = await ready();
    expect(() => fake.createNode('n').createPublisher('nope_msgs/msg/Nope', 't')).toThrow('The message required does not exist: nope_msgs/msg/Nope');
  });
});
