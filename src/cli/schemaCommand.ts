/**
 * `fleet-bandits schema FAMILY`: the JSON Schema of a family's scenario files (or `graph` for
 * waypoint graph files) for editor completion; `--markdown`: the whole reference, docs/scenarios.md.
 */
import { Command } from 'commander';
import { UserInputError } from '../experiments/UserInputError.js';

export function schemaCommand(): Command {
  return new Command('schema')
    .description('print the JSON Schema of a scenario family (or of waypoint graph files) for editors, or the Markdown reference')
    .argument('[family]', 'a scenario family (bandit, erasure, coverage, ...) or graph')
    .option('--markdown', 'print the scenario reference (docs/scenarios.md) instead')
    .action(async (family: string | undefined, o: { markdown?: boolean }) => {
      // Loaded here, not at the top: every command's module is imported for `--help`.
      const { scenarioExamples } = await import('../experiments/scenario/scenarioExamples.js');
      const { scenarioJsonSchema, scenarioReferenceMarkdown, schemaNames } = await import('../experiments/scenario/scenarioReference.js');
      if (o.markdown) {
        process.stdout.write(scenarioReferenceMarkdown(scenarioExamples()));
        return;
      }
      if (family === undefined) throw new UserInputError(`give a family: ${schemaNames().join(', ')} (or --markdown)`);
      if (!schemaNames().includes(family)) throw new UserInputError(`'${family}' has no schema; known: ${schemaNames().join(', ')}`);
      process.stdout.write(JSON.stringify(scenarioJsonSchema(family), null, 2) + '\n');
    });
}
