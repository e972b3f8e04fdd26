/** `fleet-bandits world SCENARIO`: prints a Gazebo (gz sim, SDF 1.9) world of a coverage scenario's sites. */
import { Command } from 'commander';
import { writeFileSync } from 'node:fs';
import { describeErrno, InputFileError } from '../io/InputFileError.js';
import { checkOutputFile } from '../io/outputPaths.js';
import type { CoverageScenario } from '../experiments/coverage/schema.js';
import { UserInputError } from '../experiments/UserInputError.js';
import { intOption } from './options.js';

export function worldCommand(): Command {
  return new Command('world')
    .description('print a Gazebo (gz sim) world for a coverage scenario: ground, sun, one marker per site at its map coordinates, the edges')
    .argument('<scenario>', 'coverage scenario YAML file')
    .option('-s, --seed <n>', "root seed: picks the graph of generated graphs (default: the scenario's)", intOption('--seed', 0))
    .option('-o, --output <file.sdf>', 'write to this file instead of stdout')
    .action(async (file: string, o: { seed?: number; output?: string }) => {
      // Loaded here, not at the top: every command's module is imported for `--help`.
      const { loadScenario } = await import('../experiments/scenario/loadScenario.js');
      const { withOverrides } = await import('../experiments/runExperiment.js');
      const { coverageWorld } = await import('../experiments/coverage/CoverageWorld.js');
      const { gazeboWorld } = await import('../nodes/graph/gazeboWorld.js');
      const loaded = loadScenario(file);
      if (o.output) checkOutputFile(o.output, '--output');
      for (const warning of loaded.warnings) process.stderr.write(`warning: ${file}: ${warning}\n`);
      if (loaded.scenario.family !== 'coverage') throw new UserInputError(`${file} is a scenario of family '${loaded.scenario.family}'; worlds are made for coverage scenarios (robots on a site graph)`);
      const s = withOverrides(loaded.scenario, { seed: o.seed }) as CoverageScenario;
      const sdf = gazeboWorld(coverageWorld(s), { name: s.name, generatedBy: `fleet-bandits world ${file}${o.seed !== undefined ? ` --seed ${o.seed}` : ''}` });
      if (o.output) {
        try {
          writeFileSync(o.output, sdf);
        } catch (err) {
          throw new InputFileError('--output', `cannot write '${o.output}' (${describeErrno(err)})`, { cause: err });
        }
      }
      else process.stdout.write(sdf);
    });
}
