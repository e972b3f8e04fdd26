// Message hygiene on /diagnostics: a node's dropped messages are counted per reason and published
// as diagnostic_msgs/DiagnosticArray (WARN, one key per reason); a clean run publishes nothing.
import { describe, expect, it } from 'vitest';
import { withOverrides } from '../../src/experiments/runExperiment.js';
import { loadScenario } from '../../src/experiments/scenario/loadScenario.js';
import type { ArmReward, DiagnosticMsgsDiagnosticArray } from '../../src/msg/definitions.generated.js';
import { DIAGNOSTIC_ARRAY, DIAGNOSTICS_TOPIC } from '../../src/nodes/dropDiagnostics.js';
import { startEmbedded } from '../../src/nodes/EmbeddedLaunch.js';
import { planNodes } from '../../src/nodes/plan.js';
import { ARM_REWARD } from '../../src/nodes/rounds/topics.js';
import { DEFAULT_QOS, REWARD_QOS } from '../../src/runtime/Qos.js';
import { cdrCodec } from '../../src/runtime/memory/cdrCodec.js';

const FILE = 'sim/scenarios/erasure-quick.yaml';

async function run(forge: boolean) {
  const { scenario } = loadScenario(FILE);
  const s = withOverrides(scenario, { algorithms: ['BatchSP2'], horizon: 100 });
  const diagnostics: DiagnosticMsgsDiagnosticArray[] = [];
  let forged = 0;
  const result = await startEmbedded(planNodes(scenario, FILE, { algorithm: 'BatchSP2', horizon: 100 }), s, {
    codec: cdrCodec, // proves the message crosses the wire format too
    logSink: () => {},
    attach: (bus) => {
      const spy = bus.createNode('spy');
      spy.createSubscription<DiagnosticMsgsDiagnosticArray>(DIAGNOSTIC_ARRAY, DIAGNOSTICS_TOPIC, (m) => diagnostics.push(m), DEFAULT_QOS);
      if (!forge) return;
      const pub = spy.createPublisher<ArmReward>(ARM_REWARD, '/agent_1/reward', REWARD_QOS);
      const stamp = { stamp: { sec: 0, nanosec: 0 }, frame_id: '' };
      const timer = spy.createTimer(1.0, () => {
        pub.publish({ header: stamp, agent_id: 3, round: 0, reward: 1 }); // wrong agent id on agent 1's topic
        pub.publish({ header: stamp, agent_id: 1, round: 0, reward: 1 }); // a closed round
        pub.publish({ header: stamp, agent_id: 1, round: 5, reward: Infinity }); // not finite
        if (++forged === 3) timer.cancel();
      });
    },
  }).done;
  return { result, diagnostics, forged };
}

describe('/diagnostics', () => {
  it('publishes the learner drop counts per reason, every forged message accounted for', async () => {
    const { result, diagnostics, forged } = await run(true);
    expect(result.roundsCompleted).toBe(100);
    expect(forged).toBe(3);
    const learner = diagnostics.flatMap((d) => d.status).filter((st) => st.name === '/learner: message hygiene');
    expect(learner.length).toBeGreaterThan(0);
    const last = learner[learner.length - 1];
    expect(last.level).toBe(1); // WARN
    expect(Object.fromEntries(last.values.map((v) => [v.key, Number(v.value)]))).toEqual({ 'wrong-agent': 3, 'late-round': 3, 'bad-value': 3 });
    expect(last.message).toContain('dropped 9 messages');
  });

  it('a clean run publishes nothing on /diagnostics', async () => {
    const { result, diagnostics } = await run(false);
    expect(result.roundsCompleted).toBe(100);
    expect(diagnostics).toEqual([]);
  });
});
