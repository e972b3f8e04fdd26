// Unit tests of the bridge's snapshot and delta logic: what a new client gets, what changes are sent, regret thinning, refusals of malformed messages.
import { describe, expect, it } from 'vitest';
import { defaultMessage } from '../../src/msg/defaultMessage.js';
import type { Allocation, GraphTopology, LinkStats, RegretReport, RobotState } from '../../src/msg/definitions.generated.js';
import { MsgType } from '../../src/msg/definitions.generated.js';
import { BridgeState } from '../../src/nodes/bridge/BridgeState.js';

const stamp = (ns: number) => ({ stamp: { sec: Math.floor(ns / 1e9), nanosec: ns % 1e9 }, frame_id: 'map' });

function graph(): GraphTopology {
  return {
    header: stamp(1e9),
    name: 'tri',
    directed: false,
    node_ids: [10, 11, 12],
    positions: [{ x: 0, y: 0, z: 5 }, { x: 10, y: 0, z: 6 }, { x: 0, y: 10, z: 7 }],
    node_labels: ['a', 'b', 'c'],
    edges: [{ source: 10, target: 11, length: 10 }, { source: 11, target: 12, length: 14 }, { source: 12, target: 99, length: 1 }],
  };
}

function robot(id: number, node: number, step: number, x = 0): RobotState {
  return { header: stamp(2e9 + step), robot_id: id, current_node: node, target_node: node, goal_node: 12, pose: { position: { x, y: 0, z: 5 }, orientation: { x: 0, y: 0, z: 0, w: 1 } }, phase: 3, step };
}

function regret(round: number, cumulative: number): RegretReport {
  return { header: stamp(3e9 + round), algorithm: 'ucb', run_label: 'x/ucb/seed1/run0', round, optimal_value: 1, achieved_value: 0.5, instant_regret: 0.5, cumulative_regret: cumulative };
}

describe('BridgeState', () => {
  it('gives a new client a full frame with everything, ids kept and bad edges dropped', () => {
    const drops: string[] = [];
    const s = new BridgeState({ onDrop: (reason) => drops.push(reason) });
    s.ingest(MsgType.GraphTopology, graph());
    s.ingest(MsgType.RobotState, robot(1, 11, 4, 10));
    s.ingest(MsgType.RobotState, robot(0, 10, 4));
    const f = s.snapshot();
    expect(f).toMatchObject({ type: 'state', full: true, round: 4 });
    expect(f.graph).toMatchObject({ name: 'tri', nodeIds: [10, 11, 12], labels: ['a', 'b', 'c'], positions: [0, 0, 5, 10, 0, 6, 0, 10, 7], edges: [0, 1, 1, 2] });
    expect(f.robots!.map((r) => r.id)).toEqual([0, 1]);
    expect(f.robots![1]).toEqual({ id: 1, node: 11, target: 11, goal: 12, phase: 3, step: 4, position: [10, 0, 5] });
    expect(drops).toEqual(['unknown-node']);
    expect(f.timeNs).toBe(2e9 + 4);
    expect(JSON.parse(JSON.stringify(f))).toEqual(f); // plain JSON
  });

  it('sends a full frame first, then only what changed, then nothing', () => {
    const s = new BridgeState();
    s.ingest(MsgType.GraphTopology, graph());
    expect(s.takeDelta()!.full).toBe(true);
    expect(s.takeDelta()).toBeNull();
    s.ingest(MsgType.RobotState, robot(2, 12, 7));
    s.ingest(MsgType.RegretReport, regret(0, 0.5));
    s.ingest(MsgType.RegretReport, regret(1, 1.0));
    const d = s.takeDelta()!;
    expect(d.full).toBe(false);
    expect(d.graph).toBeUndefined();
    expect(d.robots!.map((r) => r.id)).toEqual([2]);
    expect(d.regretPoints).toEqual([0, 0.5, 1, 1.0]);
    expect(d.regret).toMatchObject({ round: 1, cumulative: 1 });
    expect(d.seq).toBeGreaterThan(1);
    expect(s.takeDelta()).toBeNull();
  });

  it('leaves the pose out when the publisher left it empty, and uses null for infinite UCBs', () => {
    const s = new BridgeState();
    const r = robot(0, 10, 0);
    r.header.frame_id = '';
    r.pose.position = { x: 0, y: 0, z: 0 };
    s.ingest(MsgType.RobotState, r);
    const a: Allocation = { header: stamp(0), step: 5, episode: 1, node_ids: [10, 11], target_counts: [1, 0], means: [0.5, 0], ucbs: [0.9, Infinity], sample_counts: [3, 0], robot_goals: [10] };
    s.ingest(MsgType.Allocation, a);
    const f = s.snapshot();
    expect(f.robots![0].position).toBeNull();
    expect(f.allocation).toMatchObject({ ucbs: [0.9, null], targetCounts: [1, 0], robotGoals: [10] });
    expect(JSON.stringify(f)).not.toMatch(/Infinity|NaN/);
  });

  it('thins the regret curve evenly and keeps it bounded', () => {
    const s = new BridgeState({ maxRegretPoints: 16 });
    for (let t = 0; t < 1000; t++) s.ingest(MsgType.RegretReport, regret(t, t * 0.1));
    const pts = s.snapshot().regretPoints!;
    expect(pts.length / 2).toBeLessThanOrEqual(32);
    expect(pts.length / 2).toBeGreaterThanOrEqual(16);
    const rounds = pts.filter((_, i) => i % 2 === 0);
    const gaps = new Set(rounds.slice(1).map((r, i) => r - rounds[i]));
    expect(gaps.size).toBe(1); // evenly spaced
    expect(s.snapshot().regret!.round).toBe(999); // the latest is always known
  });

  it('restarts the curve when a new run begins (round goes back)', () => {
    const s = new BridgeState();
    s.ingest(MsgType.RegretReport, regret(0, 1));
    s.ingest(MsgType.RegretReport, regret(1, 2));
    s.takeDelta();
    s.ingest(MsgType.RegretReport, regret(0, 0.3));
    const d = s.takeDelta()!;
    expect(d.full).toBe(true);
    expect(d.regretPoints).toEqual([0, 0.3]);
  });

  it('refuses malformed messages with a reason, and counts them', () => {
    const reasons: string[] = [];
    const s = new BridgeState({ onDrop: (reason, detail) => reasons.push(`${reason}: ${detail}`) });
    const g = graph();
    g.positions.pop();
    s.ingest(MsgType.GraphTopology, g);
    s.ingest(MsgType.RobotState, { ...robot(0, 10, 0), robot_id: -1 });
    s.ingest(MsgType.Allocation, { header: stamp(0), step: 0, episode: 0, node_ids: [1, 2], target_counts: [1], means: [0, 0], ucbs: [0, 0], sample_counts: [0, 0], robot_goals: [] });
    s.ingest(MsgType.RegretReport, regret(0, NaN));
    expect(reasons).toHaveLength(4);
    expect(reasons[0]).toContain('2 positions for 3 nodes');
    expect(reasons[1]).toContain('robot_id -1');
    expect(reasons[2]).toContain('lengths 1, 2, 2, 2 for 2 node ids');
    expect(s.dropped).toBe(4);
    const f = s.snapshot();
    expect(f.graph).toBeNull();
    expect(f.robots).toEqual([]);
    expect(f.dropped).toBe(4);
  });

  it('joins an agent\'s command, telemetry and link statistics', () => {
    const s = new BridgeState();
    s.ingest(MsgType.ArmCommand, { header: stamp(0), agent_id: 1, arm: 3, seq: 7, round: 6 });
    s.ingest(MsgType.AgentTelemetry, { ...defaultMessage(MsgType.AgentTelemetry), agent_id: 1, round: 6, commanded_arm: 2, played_arm: 2, command_arrived: false, reward: NaN });
    const link: LinkStats = { header: stamp(0), agent_id: 1, round: 6, sent: 7, delivered: 5, erased: 2, delayed: 0, eps: 0.3, empirical_eps: 2 / 7, feedback_bits: 0, feedback_lost: 0 };
    s.ingest(MsgType.LinkStats, link);
    const f = s.snapshot();
    expect(f.agents).toEqual([{ id: 1, round: 6, sent: 3, sentRound: 6, commanded: 2, played: 2, arrived: false, reward: null }]);
    expect(f.links).toEqual([{ id: 1, round: 6, sent: 7, delivered: 5, erased: 2, delayed: 0, eps: 0.3, empiricalEps: 2 / 7 }]);
  });

  it('keeps the most recent jobs, finished ones with their cost', () => {
    const s = new BridgeState({ maxJobs: 3 });
    for (let id = 0; id < 5; id++) s.ingest(MsgType.Job, { header: stamp(0), job_id: id, round: id, path: [0, 1], arrival_probability: 0.5, delay: 0 });
    s.ingest(MsgType.JobCost, { header: stamp(0), job_id: 4, round: 4, path: [0, 1, 5], arrival_probability: 0.25, cost: 0.7 });
    const jobs = s.snapshot().jobs!;
    expect(jobs.map((j) => j.id)).toEqual([2, 3, 4]);
    expect(jobs[2]).toEqual({ id: 4, round: 4, path: [0, 1, 5], probability: 0.25, cost: 0.7 });
  });

  it('keeps each stage\'s forwarding distribution from stage_states, apart from the round-based learner\'s state; refuses malformed ones', () => {
    const dropped: string[] = [];
    const s = new BridgeState({ onDrop: (reason) => dropped.push(reason) });
    const state = (id: number, round: number, children: number[], p: number[], counts = children.map(() => 1)) => ({ header: stamp(0), algorithm: 'eps-exp3', learner_id: id, round, batch: 0, active_arms: children, estimates: p, counts });
    s.takeDelta();
    s.ingest(MsgType.LearnerState, state(0, 4, [1, 2], [0.25, 0.75]), 'stage_states');
    s.ingest(MsgType.LearnerState, state(1, 4, [3, 4], [0.5, NaN]), '/run/stage_states');
    const delta = s.takeDelta()!;
    expect(delta.learner).toBeUndefined();
    expect(delta.stages).toEqual([
      { id: 0, round: 4, children: [1, 2], probabilities: [0.25, 0.75], picks: [1, 1] },
      { id: 1, round: 4, children: [3, 4], probabilities: [0.5, null], picks: [1, 1] },
    ]);
    s.ingest(MsgType.LearnerState, state(0, 3, [1, 2], [0.9, 0.1]), 'stage_states'); // late: kept as it was
    s.ingest(MsgType.LearnerState, state(0, 5, [1, 2], [0.1, 0.9], [3, 4]), 'stage_states');
    expect(s.takeDelta()!.stages).toEqual([{ id: 0, round: 5, children: [1, 2], probabilities: [0.1, 0.9], picks: [3, 4] }]);
    s.ingest(MsgType.LearnerState, state(2, 5, [5, 6], [1], [1]), 'stage_states');
    s.ingest(MsgType.LearnerState, state(2, 5, [2, -1], [0.5, 0.5]), 'stage_states');
    expect(dropped).toEqual(['malformed', 'bad-id']);
    expect(s.snapshot().stages!.map((st) => st.id)).toEqual([0, 1]);
  });

  it('ignores types it does not draw', () => {
    const s = new BridgeState();
    expect(s.ingest(MsgType.SiteSample, {})).toBe(false);
    expect(s.takeDelta()!.full).toBe(true);
  });
});
