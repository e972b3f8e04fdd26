// Types of ros/fleet_bandits/production-modules.mjs for the tests that import it.
export function productionModules(lock: unknown, exists?: (relativePath: string) => boolean): string[];
