import { parseArgs } from 'node:util';
import { COMMANDS } from './commands/registry';
import type { Command } from './commands/command';
import { UsageError } from './commands/usage-error';

const HELP = (): string =>
  [
    'Usage: trellis <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map((command) => `  ${command.usage.padEnd(40)} ${command.summary}`),
    '',
    'Run `trellis <command> --help` for the options of one command.',
    '',
  ].join('\n');

/** Runs one `trellis` command line; resolves with the process exit code. */
export async function runCli(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(HELP());
    return name === undefined ? 1 : 0;
  }
  if (name === '--version' || name === '-v') {
    process.stdout.write(`${(require('../package.json') as { version: string }).version}\n`);
    return 0;
  }
  const command = COMMANDS.find((candidate) => candidate.name === name);
  if (!command) {
    process.stderr.write(`trellis: unknown command "${name}"\n\n${HELP()}`);
    return 1;
  }
  try {
    return await runCommand(command, rest);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`trellis ${command.name}: ${error.message}\n\n${commandHelp(command)}`);
    return 1;
  }
}

function runCommand(command: Command, argv: readonly string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: { ...command.options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (parsed.values.help === true) {
    process.stdout.write(commandHelp(command));
    return Promise.resolve(0);
  }
  return command.run({ cwd: process.cwd(), positionals: parsed.positionals, values: parsed.values });
}

function commandHelp(command: Command): string {
  return `Usage: trellis ${command.usage}\n\n${command.summary}\n\n${command.help}\n`;
}
