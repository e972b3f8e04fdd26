/**
 * `environment` of a DAG scenario (the `environment` executable dispatches here by family): it
 * collects every player's PlayerAction of a round and, once all are in, draws the shared reward of
 * the joint action from the run's 'rewards' stream and publishes it as a JointReward. A round
 * still missing an action at the deadline phase closes without a reward (counted), so no player
 * learns from it. At start it publishes the game's graph (DagTopology, latched) for viewers and
 * recordings.
 */
import type { DagTopology, JointReward } from '../../msg/definitions.generated.js';
import type { NodeHandle } from '../../runtime/NodeHandle.js';
import { LATCHED_QOS, REWARD_QOS } from '../../runtime/Qos.js';
import { DropCounter } from '../DropCounter.js';
import { publishDropDiagnostics } from '../dropDiagnostics.js';
import type { NodeInstance } from '../NodeProgram.js';
import type { RunContext } from '../runContext.js';
import { header } from '../stamp.js';
import { dagRunOf } from './dagRun.js';
import { declareActionDeadline } from './playerNode.js';
import { RoundBuffer, collectRounds, type OpenRound } from './RoundBuffer.js';
import { DAG_TOPOLOGY, JOINT_REWARD, dagTopologyTopic, jointRewardTopic } from './topics.js';

export function dagEnvironment(node: NodeHandle, ctx: RunContext): NodeInstance {
  const deadline = declareActionDeadline(node);
  const run = dagRunOf(ctx, node.fullyQualifiedName);
  const { dag, model, scenario: s } = run;
  const noise = ctx.rng.stream('rewards');
  const drops = new DropCounter(node.logger);
  publishDropDiagnostics(node, drops);
  const all = Array.from({ length: dag.size }, (_, i) => i);
  const buffer = new RoundBuffer({ actionCounts: dag.actions, watched: all, horizon: s.horizon, drops });
  const pub = node.createPublisher<JointReward>(JOINT_REWARD, jointRewardTopic, REWARD_QOS);
  let rewarded = 0;

  node.createPublisher<DagTopology>(DAG_TOPOLOGY, dagTopologyTopic, LATCHED_QOS).publish({
    header: header(node),
    name: s.name,
    players: run.names.map((name, i) => ({ name, actions: dag.actions[i], parents: [...dag.parents[i]], action_labels: [...(s.players[i].labels ?? [])] })),
  });

  const close = (o: OpenRound, complete: boolean) => {
    if (!complete) {
      const absent = all.filter((i) => o.actions[i] < 0);
      return drops.drop('missing-action', `round ${o.round}: no action from player${absent.length > 1 ? 's' : ''} ${absent.join(', ')} by the deadline; no reward`);
    }
    pub.publish({ header: header(node), round: o.round, reward: model.sample(o.round, o.actions, noise) });
    rewarded += 1;
  };

  collectRounds(node, ctx.clock, buffer, all, deadline, s.horizon, close);
  return {
    shutdown() {
      node.logger.info(`rewarded ${rewarded} rounds${drops.total > 0 ? `; dropped ${drops.summary()}` : ''}`);
    },
  };
}
