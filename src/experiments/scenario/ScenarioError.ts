/**
 * User errors in scenario files, kept as data (file, field path, message) and rendered one line
 * per issue at the CLI edge: `sim/x.yaml: algorithms[0].name: 'ucb2' is unknown; known: ...`.
 */
export interface ScenarioIssue {
  /** Field path from the document root, e.g. ['algorithms', 0, 'name']; empty for the file. */
  path: (string | number)[];
  message: string;
  /** 1-based line in the file, when known (YAML syntax errors). */
  line?: number;
}

import { UserInputError } from '../UserInputError.js';

export class ScenarioError extends UserInputError {
  readonly file: string;
  readonly issues: ScenarioIssue[];

  constructor(file: string, issues: ScenarioIssue[]) {
    super(issues.map((i) => formatIssue(file, i)).join('\n'));
    this.name = 'ScenarioError';
    this.file = file;
    this.issues = issues;
  }
}

/** `scenario.algorithms[0].name` style path. */
export function formatPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out === '' ? p : `.${p}`;
  return out;
}

export function formatIssue(file: string, issue: ScenarioIssue): string {
  const where = issue.line !== undefined ? `${file}:${issue.line}` : file;
  const path = issue.path.length > 0 ? `${formatPath(issue.path)}: ` : '';
  return `${where}: ${path}${issue.message}`;
}
