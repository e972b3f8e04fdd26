/**
 * `player`: one vertex of the DAG. A root (or, with the independent algorithms, every player)
 * moves at phase 0 of the round; a player with parents moves as soon as all of its parents'
 * PlayerActions of the round are in. It plays its bandit instance of the parents' context and
 * publishes its own PlayerAction. When the shared JointReward of that round arrives it updates
 * that one instance and publishes its policy in that context (LearnerState: `batch` the parent
 * context, `active_arms` the action just played, `estimates` the play probabilities (EXP3) or the
 * share of plays per action (UCB1), `counts` the plays per action). A parent that has not acted by the
 * deadline phase: the round is given up (counted), the player does not act, nothing is learned.
 */
import { createPlayer } from '../../core/dag/DagPlay.js';
import type { JointReward, LearnerState, PlayerAction } from '../../msg/definitions.generated.js';
import { REWARD_QOS, TELEMETRY_QOS } from '../../runtime/Qos.js';
import { DropCounter } from '../DropCounter.js';
import { publishDropDiagnostics } from '../dropDiagnostics.js';
import type { NodeProgram } from '../NodeProgram.js';
import { declareRunContext } from '../runContext.js';
import { header } from '../stamp.js';
import { dagRunOf } from './dagRun.js';
import { RoundBuffer, type OpenRound } from './RoundBuffer.js';
import { JOINT_REWARD, PLAYER_ACTION, PLAYER_STATE, actionTopic, jointRewardTopic, playerStateTopic } from './topics.js';

/** The `action_deadline` parameter every DAG node declares. */
export function declareActionDeadline(node: Parameters<NodeProgram>[0]): number {
  return node.declareParameter({ name: 'action_deadline', type: 'double', default: 0.9, description: 'phase of the round (fraction in [0.1, 0.99]) by which every action must be in; later, the round closes without a reward', range: { min: 0.1, max: 0.99 }, readOnly: true }) as number;
}

export const playerNode: NodeProgram = (node) => {
  const ctx = declareRunContext(node);
  const id = node.declareParameter({ name: 'player_id', type: 'integer', default: 0, description: "this player's index in the scenario's players list", range: { min: 0, max: 1_000_000 }, readOnly: true }) as number;
  const deadline = declareActionDeadline(node);
  const run = dagRunOf(ctx, node.fullyQualifiedName);
  const { dag, scenario: s } = run;
  if (id >= dag.size) throw new Error(`parameter 'player_id' is ${id} but the scenario has ${dag.size} players (0..${dag.size - 1}) [node=${node.fullyQualifiedName}]`);
  if (run.mode === 'centralized') throw new Error(`algorithm '${s.algorithms[ctx.algorithmIndex].name}' is one centralized bandit, not players: it runs only in 'fleet-bandits sim' [node=${node.fullyQualifiedName}]`);
  const player = createPlayer(dag, id, run.mode, run.options, ctx.rng.stream('algorithm'));
  const parents = run.mode === 'per-context' ? dag.parents[id] : [];
  const algorithm = s.algorithms[ctx.algorithmIndex];
  const drops = new DropCounter(node.logger);
  publishDropDiagnostics(node, drops);
  const buffer = new RoundBuffer({ actionCounts: dag.actions, watched: parents, horizon: s.horizon, drops });

  // The round this player acted in and is waiting for a reward of (-1: none).
  let pendingRound = -1;
  let pendingContext = 0;
  let pendingAction = 0;
  let lastActed = -1;
  let learned = 0;

  const actionPub = node.createPublisher<PlayerAction>(PLAYER_ACTION, actionTopic(id), REWARD_QOS);
  const statePub = node.createPublisher<LearnerState>(PLAYER_STATE, playerStateTopic(id), TELEMETRY_QOS);

  const act = (round: number, open: OpenRound | undefined) => {
    if (round <= lastActed || round >= s.horizon) return;
    if (pendingRound >= 0) drops.drop('no-reward', `round ${pendingRound}: no shared reward before round ${round}; nothing learned`);
    const context = open ? dag.context(id, open.actions) : 0;
    const action = player.choose(context);
    pendingRound = round;
    pendingContext = context;
    pendingAction = action;
    lastActed = round;
    actionPub.publish({ header: header(node), player_id: id, round, action });
  };

  for (const k of parents) {
    node.createSubscription<PlayerAction>(PLAYER_ACTION, actionTopic(k), (msg) => {
      const open = buffer.add(k, msg);
      if (open && buffer.complete(open)) buffer.closeThrough(open.round, (o) => (o.round === open.round ? act(o.round, o) : missing(o)));
    }, REWARD_QOS);
  }
  const missing = (o: OpenRound) => {
    if (o.round > lastActed) drops.drop('missing-parent', `round ${o.round}: ${buffer.expected - o.received} of ${buffer.expected} parents' actions missing at the deadline; not acting`);
  };

  node.createSubscription<JointReward>(JOINT_REWARD, jointRewardTopic, (msg) => {
    if (!Number.isFinite(msg.reward)) return drops.drop('bad-value', `shared reward ${msg.reward} for round ${msg.round}`);
    if (msg.round !== pendingRound) return drops.drop('late-round', `shared reward for round ${msg.round}, while waiting for ${pendingRound < 0 ? 'none' : pendingRound}`);
    player.observe(pendingContext, pendingAction, msg.reward);
    learned += 1;
    statePub.publish({
      header: header(node),
      algorithm: algorithm.label ?? algorithm.name,
      learner_id: id,
      round: pendingRound,
      batch: pendingContext,
      active_arms: [pendingAction],
      estimates: player.policy(pendingContext),
      counts: player.plays(pendingContext),
    });
    pendingRound = -1;
  }, REWARD_QOS);

  if (parents.length === 0) {
    ctx.clock.every(node, 0, (round) => {
      if (round >= s.horizon) return false;
      act(round, undefined);
    });
  } else {
    ctx.clock.every(node, deadline, (round) => {
      if (round > buffer.closedThrough && round < s.horizon) buffer.closeThrough(round, missing);
      return round < s.horizon - 1;
    });
  }

  node.logger.info(`player ${id} (${run.names[id]}, ${dag.actions[id]} actions, ${parents.length} parents, ${player.contexts} contexts), '${algorithm.label ?? algorithm.name}'`);
  return {
    shutdown() {
      node.logger.info(`learned from ${learned} rounds${drops.total > 0 ? `; dropped ${drops.summary()}` : ''}`);
    },
  };
};
