// A learner node with a `checkpoint` directory, restarted: it restores the checkpoint at start
// (checkpoint_mode resume, the default), plays no round already in it, and goes on learning from
// the statistics it had; the next checkpoints continue the same files.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCheckpoint } from '../../src/io/checkpointStore.js';
import { withOverrides } from '../../src/experiments/runExperiment.js';
import { loadScenario } from '../../src/experiments/scenario/loadScenario.js';
import type { LearnerState } from '../../src/msg/definitions.generated.js';
import { startEmbedded } from '../../src/nodes/EmbeddedLaunch.js';
import { planNodes } from '../../src/nodes/plan.js';
import { LEARNER_STATE, learnerStateTopic } from '../../src/nodes/rounds/topics.js';
import type { LogRecord } from '../../src/runtime/Logger.js';
import { TELEMETRY_QOS } from '../../src/runtime/Qos.js';

const FILE = 'sim/scenarios/erasure-quick.yaml';

describe('a restarted learner node', () => {
  it('restores its checkpoint and goes on from the checkpoint round with the statistics it had', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fb-restart-'));
    const { scenario } = loadScenario(FILE);
    const s = withOverrides(scenario, { algorithms: ['MA-UCB'], horizon: 300 });
    const plan = (mode?: string) => {
      const p = planNodes(scenario, FILE, { algorithm: 'MA-UCB', horizon: 300 });
      const learner = p.nodes.find((n) => n.executable === 'learner')!;
      Object.assign(learner.parameters, { checkpoint: dir, checkpoint_every: 50 }, mode ? { checkpoint_mode: mode } : {});
      return p;
    };
    // First life: stopped after about 150 rounds (15 s of node time), saved at shutdown.
    await startEmbedded(plan('fresh'), s, { durationSeconds: 15.05, logSink: () => {} }).done;
    const cp = readCheckpoint(dir, 'learner');
    const R = cp.state.rounds;
    expect(R).toBeGreaterThan(100);
    expect(R).toBeLessThan(200);
    const before = cp.state.statistics as { counts: number[] };

    // Second life, default mode: restore, then learn on.
    const logs: LogRecord[] = [];
    const states: LearnerState[] = [];
    const result = await startEmbedded(plan(), s, {
      logSink: (r) => logs.push(r),
      attach: (bus) => {
        bus.createNode('spy').createSubscription<LearnerState>(LEARNER_STATE, `/${learnerStateTopic}`, (m) => states.push(m), TELEMETRY_QOS);
      },
    }).done;
    expect(result.roundsCompleted).toBe(300);
    expect(logs.map((l) => l.message)).toContain(`restored the learner from ${dir}/learner.json at round ${R}`);
    expect(states[0].round).toBe(R); // no round already in the checkpoint is played again
    const first = states[0].counts;
    for (let a = 0; a < first.length; a++) expect(first[a]).toBeGreaterThanOrEqual(before.counts[a]);
    expect(first.reduce((x, y) => x + y, 0)).toBeGreaterThan(before.counts.reduce((x, y) => x + y, 0));
    expect(logs.find((l) => l.name === '/learner' && l.message.startsWith('closed'))?.message).toMatch(new RegExp(`^closed ${300 - R} rounds`));
    expect(readCheckpoint(dir, 'learner').state.rounds).toBe(300);
  });
});
