/** A graph or weight-table input that failed validation, with every problem listed at once. */
export class GraphValidationError extends Error {
  /** One sentence per problem, each naming the site, edge or index at fault. */
  readonly issues: readonly string[];
  /** What was being validated, e.g. `sim/graphs/drone-field.yaml` or `weights`. */
  readonly source: string;

  constructor(source: string, issues: readonly string[]) {
    super(`invalid ${source}:\n${issues.map((i) => `  ✖ ${i}`).join('\n')}`);
    this.name = 'GraphValidationError';
    this.source = source;
    this.issues = issues;
  }
}
