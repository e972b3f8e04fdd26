/**
 * What every node of a multi-stage run shares: the run context, and the tree and cost model of
 * the run built from the same streams as `fleet-bandits sim` (buildTreeModel), plus the job
 * deadline (phase of the round after which a missing cost counts as a miss with cost 1).
 */
import type { JobTree } from '../../core/multistage/JobTree.js';
import type { TreeCostModel } from '../../envs/tree/TreeCostModel.js';
import { buildTreeModel } from '../../experiments/multistage/multistageExperiment.js';
import type { MultistageScenario } from '../../experiments/multistage/schema.js';
import type { NodeHandle } from '../../runtime/NodeHandle.js';
import { declareRunContext, type RunContext } from '../runContext.js';

export interface TreeContext extends RunContext {
  scenario: MultistageScenario;
  tree: JobTree;
  model: TreeCostModel;
  /** Phase of the round (fraction) by which a job's cost must be back. */
  deadline: number;
}

export function declareTreeContext(node: NodeHandle): TreeContext {
  return treeContextOf(node, declareRunContext(node));
}

/** The tree context on top of an already declared run context (the shared monitor has one). */
export function treeContextOf(node: NodeHandle, ctx: RunContext): TreeContext {
  const deadline = node.declareParameter({ name: 'job_deadline', type: 'double', default: 0.9, description: 'phase of the round (fraction in [0.05, 0.99]) by which a job\'s cost must be back; later it is a deadline miss with cost 1', range: { min: 0.05, max: 0.99 }, readOnly: true }) as number;
  if (ctx.scenario.family !== 'multistage') throw new Error(`scenario family '${ctx.scenario.family}' is not multistage [node=${node.fullyQualifiedName}]`);
  const scenario = ctx.scenario as MultistageScenario;
  const { tree, model } = buildTreeModel(scenario, ctx.rng);
  return { ...ctx, scenario, tree, model, deadline };
}

/** The tree node a stage or leaf node plays (parameter `tree_node`), checked against the tree. */
export function declareTreeNode(node: NodeHandle, ctx: TreeContext, kind: 'stage' | 'leaf'): number {
  const name = node.declareParameter({ name: 'tree_node', type: 'string', default: '', description: `name of the tree node this ${kind} plays`, readOnly: true }) as string;
  const n = ctx.tree.indexOf(name);
  if (n < 0) throw new Error(`parameter 'tree_node' is '${name}', not a node of the tree; nodes: ${ctx.tree.names.join(', ')} [node=${node.fullyQualifiedName}]`);
  if ((kind === 'leaf') !== ctx.tree.isLeaf(n)) throw new Error(`parameter 'tree_node' '${name}' is ${ctx.tree.isLeaf(n) ? 'a leaf' : 'an internal node'}, but this is a ${kind} node [node=${node.fullyQualifiedName}]`);
  return n;
}
