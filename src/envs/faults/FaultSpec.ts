/**
 * Faults injected on purpose (a scenario's `faults:` section), as plain data tagged by `kind`.
 * Windows are rounds [from, to), 0-based; ids are link, agent or robot indices. The scenario
 * schema checks them against the horizon and the fleet; the modules here trust them.
 */
export type FaultSpec =
  /** Every command on the chosen links is erased for rounds [from, to). */
  | { kind: 'link-blackout'; links: readonly number[]; from: number; to: number }
  /**
   * A Gilbert-Elliott burst on the chosen links for rounds [from, to), on top of the link's own
   * model, drawn from its own stream so the link's other draws do not shift.
   */
  | {
      kind: 'burst-loss';
      links: readonly number[];
      from: number;
      to: number;
      pGoodToBad: number;
      pBadToGood: number;
      lossGood?: number;
      lossBad?: number;
    }
  /** The agents are down for rounds [from, to): nothing received, played or reported. */
  | { kind: 'agent-crash'; agents: readonly number[]; from: number; to: number }
  /** The robots are down for steps [from, to): no move, no sample; they come back where they were. */
  | { kind: 'robot-crash'; robots: readonly number[]; from: number; to: number }
  /** The robots cannot move for `steps` steps from step `from` (they still sample where they are). */
  | { kind: 'robot-stuck'; robots: readonly number[]; from: number; steps: number }
  /** The learner (or planner) loses its in-memory state at round `round` and starts from scratch. */
  | { kind: 'learner-restart'; round: number };

export type FaultKind = FaultSpec['kind'];

/** Whether `round` lies in the window [from, to). */
export function inWindow(round: number, w: { from: number; to: number }): boolean {
  return round >= w.from && round < w.to;
}

/** The learner restart rounds, ascending and distinct. */
export function restartRounds(faults: readonly FaultSpec[] | undefined): number[] {
  const rounds = (faults ?? []).flatMap((f) => (f.kind === 'learner-restart' ? [f.round] : []));
  return [...new Set(rounds)].sort((a, b) => a - b);
}
