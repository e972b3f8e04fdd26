// Types of scripts/gen-ros-bin.mjs for the tests that import it.
export const BIN_DIR: string;
export const MARKER: string;
export function wrapperText(executable: string): string;
export function compareWrappers(executables: string[], dir?: string): { missing: string[]; outdated: string[]; stale: string[] };
