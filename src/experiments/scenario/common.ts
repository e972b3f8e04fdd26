/**
 * Schema pieces shared by every scenario family: identity, seed, horizon, runs, reporting grid.
 * Family schemas (`bandit`, `erasure`, `coverage`, ...) extend `commonFields` and add their own.
 */
import { z } from 'zod';

/** Fields every scenario has, whatever its family. */
export const commonFields = {
  /** Short identifier used in output file names and plot titles. */
  name: z.string().min(1),
  description: z.string().optional(),
  /** Root seed; every random stream of every run derives from it. */
  seed: z.number().int().min(0).default(1),
  /** Rounds (steps) per run. */
  horizon: z.number().int().min(1).max(100_000_000),
  /** Independent runs per algorithm in `fleet-bandits sim`. */
  runs: z.number().int().min(1).max(100_000).default(10),
  /** Where the regret curve is reported: `points` rounds spaced linearly or logarithmically. */
  grid: z
    .object({
      points: z.number().int().min(2).max(10_000).default(200),
      spacing: z.enum(['linear', 'log']).default('linear'),
    })
    .strict()
    .default({ points: 200, spacing: 'linear' }),
};

/** An algorithm entry: `name` selects the algorithm, `label` names it in plots (defaults to name). */
export function algorithmEntry<N extends string, P extends z.ZodType>(name: N, params: P) {
  return z
    .object({
      name: z.literal(name),
      label: z.string().min(1).optional(),
      params: params,
    })
    .strict();
}

/**
 * Largest magnitude of reward-like numbers (means, noise scales, weights): sums over 1e8 rounds
 * and their squares stay far from overflow, so regret and confidence bounds stay finite.
 */
export const MAX_REWARD_MAGNITUDE = 1e9;

/** A finite reward-scale number in [-MAX_REWARD_MAGNITUDE, MAX_REWARD_MAGNITUDE]. */
export const rewardNumber = z.number().min(-MAX_REWARD_MAGNITUDE).max(MAX_REWARD_MAGNITUDE);

/** Largest coordinate or length in metres (a few times the Earth's circumference). */
export const MAX_METRES = 1e8;

/** A probability in [0, 1]. */
export const probability = z.number().min(0).max(1);
