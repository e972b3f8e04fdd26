/**
 * `fleet-bandits schema FAMILY`: the JSON Schema of a family's scenario files (or `graph` for
 * waypoint graph files) for editor completion; `--markdown`: the whole reference, docs/scenarios.md.
 */
import { Command } from 'commander';
import { UserInputError } from '../experiments/UserInputError.js';
import { scenarioExamples } from '../experiments/scenario/scenarioExamples.js';
import { scenarioJsonSchema, scenarioReferenceMarkdown, schemaNames } from '../experiments/scenario/scenarioReference.js';

export function schemaCommand(): Command {
  return new Command('schema')
    .description('print the JSON Schema of a scenario family (or of waypoint graph files) for editors, or the Markdown reference')
    .argument('[family]', `one of: ${schemaNames().join(', ')}`)
    .option('--markdown', 'print the scenario reference (docs/scenarios.md) instead')
    .action((family: string | undefined, o: { markdown?: boolean }) => {
      if (o.markdown) {
        process.stdout.write(scenarioReferenceMarkdown(scenarioExamples()));
        return;
      }
      if (family === undefined) throw new UserInputError(`give a family: ${schemaNames().join(', ')} (or --markdown)`);
      if (!schemaNames().includes(family)) throw new UserInputError(`'${family}' has no schema; known: ${schemaNames().join(', ')}`);
      process.stdout.write(JSON.stringify(scenarioJsonSchema(family), null, 2) + '\n');
    });
}
