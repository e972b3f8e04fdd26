/**
 * Expands a scenario's `agents` (groups or list) into one entry per agent, in id order, with
 * its ChannelSpec, its nominal loss rate and the learner's bound on it.
 */
import { nominalLossRate, type ChannelSpec } from '../../envs/channels/ChannelSpec.js';
import type { ErasureScenario } from './schema.js';

export interface ErasureAgentSpec {
  /** Where the agent was declared, e.g. `agents.groups[1]` (for messages). */
  source: string;
  channel: ChannelSpec;
  /** The link's nominal erasure probability (see `nominalLossRate`). */
  eps: number;
  /** The learner's upper bound on it, in [0, 1). */
  epsBound: number;
}

type AgentEntry = NonNullable<ErasureScenario['agents']['list']>[number];

function expand(entry: AgentEntry, source: string): ErasureAgentSpec {
  const ch = entry.channel ?? { type: 'erasure' as const };
  let channel: ChannelSpec;
  switch (ch.type) {
    case 'erasure':
      channel = { type: 'erasure', eps: entry.eps ?? 0 };
      break;
    case 'delay':
      channel = { type: 'delay', eps: entry.eps ?? 0, delay: ch.delay, reorder: ch.reorder ?? false };
      break;
    case 'gilbert-elliott':
    case 'schedule':
      channel = ch;
      break;
  }
  const eps = nominalLossRate(channel);
  return { source, channel, eps, epsBound: entry.epsBound ?? eps };
}

/** The uplink loss model of every agent (scenario `feedbackLink`), undefined for a reliable uplink. */
export function feedbackLinkSpec(scenario: ErasureScenario): ChannelSpec | undefined {
  const f = scenario.feedbackLink;
  return f ? expand(f, 'feedbackLink').channel : undefined;
}

export function erasureAgents(scenario: ErasureScenario): ErasureAgentSpec[] {
  const out: ErasureAgentSpec[] = [];
  const { groups, list } = scenario.agents;
  groups?.forEach((g, i) => {
    const spec = expand(g, `agents.groups[${i}]`);
    for (let k = 0; k < g.count; k++) out.push(spec);
  });
  list?.forEach((a, i) => out.push(expand(a, `agents.list[${i}]`)));
  return out;
}
