// The bridge's DAG state: the latched game graph, players' actions and policies told apart by topic, the shared reward and its mean, and refusals of actions and policies that do not fit the game.
import { describe, expect, it } from 'vitest';
import type { DagTopology, JointReward, LearnerState, PlayerAction } from '../../src/msg/definitions.generated.js';
import { MsgType } from '../../src/msg/definitions.generated.js';
import { BridgeState, playerOfTopic } from '../../src/nodes/bridge/BridgeState.js';

const stamp = (ns: number) => ({ stamp: { sec: Math.floor(ns / 1e9), nanosec: ns % 1e9 }, frame_id: '' });

function topology(): DagTopology {
  return {
    header: stamp(1e9),
    name: 'drones',
    players: [
      { name: 'leader', actions: 4, parents: [], action_labels: ['north', 'east', 'south', 'west'] },
      { name: 'drone_a', actions: 3, parents: [0], action_labels: ['relay', 'camera', 'spare'] },
      { name: 'rear', actions: 2, parents: [0, 1], action_labels: [] },
    ],
  };
}

const action = (player: number, round: number, a: number): PlayerAction => ({ header: stamp(2e9 + round), player_id: player, round, action: a });
const policy = (player: number, round: number, context: number, estimates: number[], counts: number[]): LearnerState => ({
  header: stamp(2e9 + round),
  algorithm: 'dag-ucb1',
  learner_id: player,
  round,
  batch: context,
  active_arms: [0],
  estimates,
  counts,
});
const reward = (round: number, r: number): JointReward => ({ header: stamp(2e9 + round), round, reward: r });

describe('BridgeState, DAG game', () => {
  it('names the player of a player_<i> topic in any namespace, and nothing else', () => {
    expect(playerOfTopic('player_3/state')).toBe(3);
    expect(playerOfTopic('/fleet1/player_12/action')).toBe(12);
    expect(playerOfTopic('learner_state')).toBe(-1);
    expect(playerOfTopic('/agent_1/state')).toBe(-1);
    expect(playerOfTopic('/xplayer_1/state')).toBe(-1);
    expect(playerOfTopic(undefined)).toBe(-1);
  });

  it('shows the graph, each player latest action and its policy by topic, and the shared reward with its mean', () => {
    const s = new BridgeState();
    s.ingest(MsgType.DagTopology, topology(), '/dag_topology');
    s.ingest(MsgType.PlayerAction, action(0, 0, 2), '/player_0/action');
    s.ingest(MsgType.PlayerAction, action(1, 0, 1), '/player_1/action');
    s.ingest(MsgType.JointReward, reward(0, 1));
    s.ingest(MsgType.LearnerState, policy(1, 0, 2, [0.25, 0.5, 0.25], [1, 2, 1]), '/player_1/state');
    s.ingest(MsgType.PlayerAction, action(0, 1, 3), '/player_0/action');
    s.ingest(MsgType.PlayerAction, action(0, 0, 1), '/player_0/action'); // late: an older round does not replace
    s.ingest(MsgType.JointReward, reward(1, 0));
    const f = s.snapshot();
    expect(f.dag).toEqual({
      name: 'drones',
      players: [
        { name: 'leader', actions: 4, parents: [], labels: ['north', 'east', 'south', 'west'] },
        { name: 'drone_a', actions: 3, parents: [0], labels: ['relay', 'camera', 'spare'] },
        { name: 'rear', actions: 2, parents: [0, 1], labels: [] },
      ],
    });
    expect(f.players).toEqual([
      { id: 0, round: 1, action: 3, policyRound: -1, context: 0, policy: [], counts: [] },
      { id: 1, round: 0, action: 1, policyRound: 0, context: 2, policy: [0.25, 0.5, 0.25], counts: [1, 2, 1] },
    ]);
    expect(f.sharedReward).toEqual({ round: 1, reward: 0, mean: 0.5, count: 2 });
    expect(f.learner).toBeNull(); // a player's state is not the round-based learner's
    expect(JSON.parse(JSON.stringify(f))).toEqual(f);
  });

  it('sends only the players that changed, and the reward when it changed', () => {
    const s = new BridgeState();
    s.ingest(MsgType.DagTopology, topology());
    s.ingest(MsgType.PlayerAction, action(0, 0, 2), 'player_0/action');
    expect(s.takeDelta()!.full).toBe(true);
    s.ingest(MsgType.PlayerAction, action(2, 0, 1), 'player_2/action');
    const d = s.takeDelta()!;
    expect(d.full).toBe(false);
    expect(d.players!.map((p) => p.id)).toEqual([2]);
    expect(d.dag).toBeUndefined();
    expect(d.sharedReward).toBeUndefined();
    s.ingest(MsgType.JointReward, reward(0, 0.75));
    expect(s.takeDelta()).toMatchObject({ sharedReward: { round: 0, reward: 0.75, mean: 0.75, count: 1 } });
    expect(s.takeDelta()).toBeNull();
    // the same graph again (a late subscriber's latched copy) keeps the players
    s.ingest(MsgType.DagTopology, topology());
    expect(s.takeDelta()!.full).toBe(false);
    // a different game starts afresh
    const other = topology();
    other.players[2].actions = 3;
    s.ingest(MsgType.DagTopology, other);
    const fresh = s.takeDelta()!;
    expect(fresh.full).toBe(true);
    expect(fresh.players).toEqual([]);
    expect(fresh.sharedReward).toBeNull();
  });

  it('a new run (rounds start again) restarts the reward mean', () => {
    const s = new BridgeState();
    s.ingest(MsgType.JointReward, reward(5, 1));
    s.ingest(MsgType.JointReward, reward(6, 1));
    s.ingest(MsgType.JointReward, reward(0, 0));
    expect(s.snapshot().sharedReward).toEqual({ round: 0, reward: 0, mean: 0, count: 1 });
  });

  it('refuses and counts what does not fit the game: bad graphs, unknown players and actions, forged topics, policies of the wrong shape', () => {
    const drops: string[] = [];
    const s = new BridgeState({ onDrop: (reason, detail) => drops.push(`${reason}: ${detail}`) });
    const cyclic = topology();
    cyclic.players[0].parents = [2];
    s.ingest(MsgType.DagTopology, cyclic);
    expect(s.dag).toBeNull();
    const labels = topology();
    labels.players[1].action_labels = ['relay'];
    s.ingest(MsgType.DagTopology, labels);
    s.ingest(MsgType.DagTopology, topology());
    s.ingest(MsgType.PlayerAction, action(1, 0, 3), 'player_1/action'); // 3 actions: 0..2
    s.ingest(MsgType.PlayerAction, action(5, 0, 0), 'player_5/action');
    s.ingest(MsgType.PlayerAction, action(0, 0, 1), 'player_1/action');
    s.ingest(MsgType.PlayerAction, action(0, 0, -1));
    s.ingest(MsgType.LearnerState, policy(1, 0, 0, [0.5, 0.5], [1, 1]), 'player_1/state');
    s.ingest(MsgType.LearnerState, policy(1, 0, 4, [0.2, 0.3, 0.5], [1, 1, 1]), 'player_1/state'); // leader has 4 actions: contexts 0..3
    s.ingest(MsgType.LearnerState, policy(2, 0, 0, [0.5, 0.5], [1, 1]), 'player_1/state');
    s.ingest(MsgType.LearnerState, policy(1, 0, 0, [0.2, 0.3, 0.5], [1]), 'player_1/state');
    s.ingest(MsgType.JointReward, reward(0, NaN));
    expect(drops).toEqual([
      expect.stringMatching(/^malformed: DagTopology 'drones': field 'players\[\d\]\.parents': the graph has a cycle/),
      "malformed: DagTopology 'drones': field 'players[1].action_labels': expected 0 or 3 elements (one per action), found 1",
      'unknown-action: player 1 played action 3 (actions 0..2)',
      'bad-id: PlayerAction of player 5; the game has players 0..2',
      "wrong-player: PlayerAction of player 0 on player 1's topic",
      'unknown-action: player 0 played action -1 (actions 0..3)',
      'malformed: policy of player 1: 2 probabilities for 3 actions',
      'malformed: policy of player 1 in context 4 (contexts 0..3)',
      "wrong-player: LearnerState of learner 2 on player 1's topic",
      'malformed: policy of player 1: 3 probabilities and 1 counts',
      'bad-value: JointReward for round 0 with reward NaN',
    ]);
    const f = s.snapshot();
    expect(f.players).toEqual([]);
    expect(f.sharedReward).toBeNull();
    expect(f.dropped).toBe(11);
  });
});
