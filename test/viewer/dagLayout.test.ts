// The DAG layer's pure parts: topological layers and order within a layer, the text and bars of a player's card, and the browser store applying DAG frames.
import { describe, expect, it } from 'vitest';
import type { DagView, PlayerView, StateFrame } from '../../src/nodes/bridge/protocol.js';
import { actionName, contextText, layoutDag, playerCard } from '../../src/viewer/web/dagLayout.js';
import { ViewerStore } from '../../src/viewer/web/ViewerStore.js';

const drones: DagView = {
  name: 'drones',
  players: [
    { name: 'leader', actions: 4, parents: [], labels: ['north', 'east', 'south', 'west'] },
    { name: 'drone_a', actions: 3, parents: [0], labels: ['relay', 'camera', 'spare'] },
    { name: 'rear', actions: 2, parents: [0, 1], labels: [] },
  ],
};

const player = (over: Partial<PlayerView>): PlayerView => ({ id: 0, round: -1, action: -1, policyRound: -1, context: 0, policy: [], counts: [], ...over });

describe('layoutDag', () => {
  it('puts every player one layer below its deepest parent', () => {
    // dag-seven: 0 -> 1 -> 2 -> 3, 0 -> 4, 0 -> 5, {4, 5} -> 6
    const l = layoutDag([[], [0], [1], [2], [0], [0], [4, 5]]);
    expect(l.depth).toEqual([0, 1, 2, 3, 1, 1, 2]);
    expect(l.layers).toEqual([[0], [1, 4, 5], [6, 2], [3]].map((layer) => expect.arrayContaining(layer)));
    for (const [i, ps] of [[], [0], [1], [2], [0], [0], [4, 5]].entries()) for (const k of ps) expect(l.depth[k]).toBeLessThan(l.depth[i]);
  });

  it('centres each layer and orders it by the parents’ positions, so edges do not cross needlessly', () => {
    // two roots; the child of the right root is listed first
    const l = layoutDag([[], [], [1], [0]]);
    expect(l.layers).toEqual([[0, 1], [3, 2]]);
    expect(l.x).toEqual([-0.5, 0.5, 0.5, -0.5]);
    expect(layoutDag([[]]).x).toEqual([0]);
    expect(layoutDag([]).layers).toEqual([]);
  });

  it('cannot hang on a cycle or a parent out of range: such players go below the rest', () => {
    const l = layoutDag([[], [2], [1], [9]]);
    expect(l.depth).toEqual([0, 1, 1, 0]);
  });
});

describe('player cards', () => {
  it('names actions by label, else by index, and decodes the parent context (first parent least significant)', () => {
    expect(actionName(drones, 0, 2)).toBe('south');
    expect(actionName(drones, 2, 1)).toBe('action 1');
    expect(actionName(drones, 0, -1)).toBe('–');
    // rear's context c = a_leader + 4 * a_drone_a: 2 + 4 * 1 = 6
    expect(contextText(drones, 2, 6)).toBe('leader=south, drone_a=camera');
    expect(contextText({ ...drones, players: drones.players.map((p) => ({ ...p, labels: [] })) }, 2, 6)).toBe('leader=2, drone_a=1');
    expect(contextText(drones, 0, 0)).toBe('');
  });

  it('shows the current action, the context of the policy and one bar per action with its picks', () => {
    const card = playerCard(drones, 1, player({ id: 1, round: 9, action: 1, policyRound: 8, context: 2, policy: [0.1, 0.8, 0.1], counts: [1, 6, 1] }));
    expect(card).toMatchObject({ name: 'drone_a', action: 'camera', actionIndex: 1, round: 9, context: 'leader=south', hidden: 0 });
    expect(card.bars).toEqual([
      { action: 0, label: 'relay', value: 0.1, count: 1, current: false },
      { action: 1, label: 'camera', value: 0.8, count: 6, current: true },
      { action: 2, label: 'spare', value: 0.1, count: 1, current: false },
    ]);
  });

  it('before any message: no action, empty bars; many actions: only the likeliest are drawn, in action order, named by index without labels', () => {
    const waiting = playerCard(drones, 0, undefined);
    expect(waiting).toMatchObject({ action: '–', actionIndex: -1, round: -1, context: '' });
    expect(waiting.bars.map((b) => b.value)).toEqual([null, null, null, null]);
    const wide: DagView = { name: 'w', players: [{ name: 'p0', actions: 8, parents: [], labels: [] }] };
    const card = playerCard(wide, 0, player({ action: 7, policyRound: 0, policy: [0.3, 0.01, 0.2, 0.01, 0.01, 0.02, NaN, 0.45], counts: [1, 1, 1, 1, 1, 1, 1, 1] }), 3);
    expect(card.bars.map((b) => [b.action, b.value])).toEqual([[0, 0.3], [2, 0.2], [7, 0.45]]);
    expect(card.hidden).toBe(5);
    expect(card.action).toBe('action 7');
    expect(card.bars.map((b) => b.label)).toEqual(['0', '2', '7']);
  });
});

describe('ViewerStore with DAG frames', () => {
  it('keeps the game, merges players by id and the shared reward, and bumps versions only for what changed', () => {
    const store = new ViewerStore();
    const full: StateFrame = { type: 'state', full: true, seq: 1, timeNs: 0, round: 0, dag: drones, players: [player({ id: 0, action: 2, round: 0 })], sharedReward: null };
    store.apply(full, 0);
    expect(store.dag!.players).toHaveLength(3);
    const dv = store.dagVersion;
    const pv = store.playersVersion;
    store.apply({ type: 'state', full: false, seq: 2, timeNs: 1, round: 1, players: [player({ id: 1, action: 0, round: 1 })], sharedReward: { round: 1, reward: 1, mean: 0.5, count: 2 } }, 1);
    expect(store.dagVersion).toBe(dv);
    expect(store.playersVersion).toBe(pv + 1);
    expect([...store.players.keys()]).toEqual([0, 1]);
    expect(store.sharedReward!.mean).toBe(0.5);
    store.apply({ type: 'state', full: false, seq: 3, timeNs: 2, round: 2 }, 2);
    expect(store.playersVersion).toBe(pv + 1);
    // a full frame without a game (another run) clears it
    store.apply({ type: 'state', full: true, seq: 4, timeNs: 3, round: 0 }, 3);
    expect(store.dag).toBeNull();
    expect(store.players.size).toBe(0);
    expect(store.sharedReward).toBeNull();
    expect(store.dagVersion).toBeGreaterThan(dv);
  });
});
