/**
 * The `fleet-bandits` command line. User errors (bad scenario, bad option) print one line per
 * problem and exit with code 2; internal failures exit with 1.
 */
import { Command, CommanderError } from 'commander';
import { UserInputError } from '../experiments/UserInputError.js';
import { InputFileError } from '../io/InputFileError.js';
import { containerCommand } from './containerCommand.js';
import { planCommand } from './planCommand.js';
import { plotCommand } from './plotCommand.js';
import { replayCommand } from './replayCommand.js';
import { runCommand } from './runCommand.js';
import { schemaCommand } from './schemaCommand.js';
import { simCommand } from './simCommand.js';
import { viewCommand } from './viewCommand.js';
import { worldCommand } from './worldCommand.js';

export function buildProgram(): Command {
  const program = new Command('fleet-bandits')
    .description('multi-agent bandit learning for robot fleets: seeded experiments, embedded ROS-like runs, ROS 2 nodes')
    .version(process.env.npm_package_version ?? '0.1.0')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  program.addCommand(simCommand().exitOverride());
  program.addCommand(runCommand().exitOverride());
  program.addCommand(planCommand().exitOverride());
  program.addCommand(plotCommand().exitOverride());
  program.addCommand(replayCommand().exitOverride());
  program.addCommand(containerCommand().exitOverride());
  program.addCommand(schemaCommand().exitOverride());
  program.addCommand(viewCommand().exitOverride());
  program.addCommand(worldCommand().exitOverride());
  return program;
}

/** Where to go for a command people guess that does not exist. */
const HINTS: Record<string, string> = {
  record: 'to record, run `fleet-bandits run SCENARIO --record FILE.mcap`',
  play: 'to play a recording, run `fleet-bandits replay FILE.mcap`',
};

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  // An unknown command with --help would print the top-level help and exit 0: say it is unknown.
  const first = argv[0];
  if (first !== undefined && !first.startsWith('-') && first !== 'help' && !program.commands.some((c) => c.name() === first)) {
    const known = program.commands.map((c) => c.name()).join(', ');
    process.stderr.write(`error: unknown command '${first}'; known: ${known}\n${HINTS[first] ? `(${HINTS[first]})\n` : '(run fleet-bandits --help for usage)\n'}`);
    return 2;
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return 0;
      return 2; // commander already printed the message
    }
    if (err instanceof UserInputError || err instanceof InputFileError) {
      for (const line of err.message.split('\n')) process.stderr.write(`error: ${line}\n`);
      return 2;
    }
    process.stderr.write(`fleet-bandits: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    return 1;
  }
}
