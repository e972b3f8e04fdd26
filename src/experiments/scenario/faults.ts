/**
 * The `faults:` section of a scenario: faults injected on purpose (see envs/faults). Each family
 * admits the kinds it can play (`faultsField`) and checks ids and windows against its fleet and
 * horizon (`checkFaults`), so a window outside the horizon, an unknown link or a negative step
 * count is a scenario error naming the field.
 */
import { z } from 'zod';
import { AgentDowntime } from '../../envs/faults/AgentDowntime.js';
import type { FaultKind, FaultSpec } from '../../envs/faults/FaultSpec.js';
import { probability } from './common.js';

const round = z.number().int().min(0).max(100_000_000);
const ids = z.array(z.number().int().min(0).max(1_000_000)).min(1).max(100_000);

const kinds = {
  'link-blackout': z.object({ kind: z.literal('link-blackout'), links: ids, from: round, to: round }).strict(),
  'burst-loss': z
    .object({
      kind: z.literal('burst-loss'),
      links: ids,
      from: round,
      to: round,
      /** Per round, probability of leaving the good state (the burst starts bad). */
      pGoodToBad: probability,
      /** Per round, probability of leaving the bad state, > 0. */
      pBadToGood: z.number().gt(0).max(1),
      /** Loss probability in the good state (default 0). */
      lossGood: probability.optional(),
      /** Loss probability in the bad state (default 1). */
      lossBad: probability.optional(),
    })
    .strict(),
  'agent-crash': z.object({ kind: z.literal('agent-crash'), agents: ids, from: round, to: round }).strict(),
  'robot-crash': z.object({ kind: z.literal('robot-crash'), robots: ids, from: round, to: round }).strict(),
  'robot-stuck': z.object({ kind: z.literal('robot-stuck'), robots: ids, from: round, steps: z.number().int().min(1).max(100_000_000) }).strict(),
  'learner-restart': z.object({ kind: z.literal('learner-restart'), round: round }).strict(),
} as const;

type Kinds = typeof kinds;

/** The `faults` field admitting `allowed` kinds (at most 1000 faults). */
export function faultsField<K extends FaultKind>(allowed: readonly K[]) {
  const options = allowed.map((k) => kinds[k]) as unknown as [Kinds[K], ...Kinds[K][]];
  return z.array(z.discriminatedUnion('kind', options)).max(1000).optional();
}

/** The fleet a scenario's faults must fit. */
export interface FaultLimits {
  horizon: number;
  /** Links (erasure family: one per agent). */
  links?: number;
  agents?: number;
  robots?: number;
}

type AnyFault = z.infer<(typeof kinds)[FaultKind]>;

/** Adds an issue for every id or window of `faults` outside `limits`. */
export function checkFaults(faults: readonly AnyFault[] | undefined, limits: FaultLimits, ctx: z.RefinementCtx): void {
  const fleet = limits.agents ?? limits.robots ?? 0;
  const valid = (faults ?? []).every((f) => !('to' in f) || (f.to > f.from && f.to <= limits.horizon));
  // Nobody left to report would leave the monitor waiting for ever (windows are inside the horizon here).
  if (faults && valid && fleet > 0 && new AgentDowntime(faults as FaultSpec[], fleet).total >= fleet * limits.horizon) {
    ctx.addIssue({ code: 'custom', path: ['faults'], message: `every ${limits.agents !== undefined ? 'agent' : 'robot'} is down for the whole run: nothing would ever be played or reported` });
  }
  faults?.forEach((f, i) => {
    const at = (...path: (string | number)[]) => ['faults', i, ...path];
    const idsOf = (field: 'links' | 'agents' | 'robots', list: readonly number[]) => {
      const n = limits[field] ?? 0;
      list.forEach((id, k) => {
        if (id >= n) ctx.addIssue({ code: 'custom', path: at(field, k), message: `unknown ${field.slice(0, -1)} ${id}: the scenario has ${n} (ids 0..${n - 1})` });
      });
    };
    if ('from' in f && 'to' in f) {
      if (f.to <= f.from) ctx.addIssue({ code: 'custom', path: at('to'), message: `the window [from, to) is empty: expected to > ${f.from}, found ${f.to}` });
      else if (f.to > limits.horizon) ctx.addIssue({ code: 'custom', path: at('to'), message: `the window ends after the horizon: expected <= ${limits.horizon}, found ${f.to}` });
    }
    switch (f.kind) {
      case 'link-blackout':
      case 'burst-loss':
        return idsOf('links', f.links);
      case 'agent-crash':
        return idsOf('agents', f.agents);
      case 'robot-crash':
        return idsOf('robots', f.robots);
      case 'robot-stuck':
        idsOf('robots', f.robots);
        if (f.from + f.steps > limits.horizon) ctx.addIssue({ code: 'custom', path: at('steps'), message: `the robot stays stuck after the horizon: expected from + steps <= ${limits.horizon}, found ${f.from + f.steps}` });
        return;
      case 'learner-restart':
        if (f.round < 1 || f.round >= limits.horizon) ctx.addIssue({ code: 'custom', path: at('round'), message: `a restart must fall inside the run: expected 1 <= round < ${limits.horizon}, found ${f.round}` });
        return;
    }
  });
}
