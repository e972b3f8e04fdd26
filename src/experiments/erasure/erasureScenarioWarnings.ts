/**
 * Legal but suspicious erasure scenarios, as sentences for the CLI: a learner bound below the
 * link's true erasure probability (too few repetitions, so BatchSP2 loses its guarantee), and
 * repetitions longer than the horizon.
 */
import { repetitions } from '../../core/erasure/repetitions.js';
import { erasureAgents } from './erasureAgents.js';
import type { ErasureScenario } from './schema.js';

export function erasureScenarioWarnings(scenario: ErasureScenario): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const agent of erasureAgents(scenario)) {
    if (seen.has(agent.source)) continue;
    seen.add(agent.source);
    if (agent.epsBound < agent.eps) {
      out.push(
        `${agent.source}.epsBound ${agent.epsBound} is below the link's erasure probability ${agent.eps}: ` +
          `the learner will repeat commands too few times (alpha ${repetitions(agent.epsBound, scenario.horizon)} instead of ${repetitions(agent.eps, scenario.horizon)})`,
      );
    }
    const alpha = repetitions(agent.epsBound, scenario.horizon);
    if (alpha >= scenario.horizon) {
      out.push(`${agent.source}: with eps bound ${agent.epsBound} the learner repeats each command ${alpha} rounds, not less than the horizon ${scenario.horizon}; this agent's samples will never count`);
    }
  }
  return out;
}
