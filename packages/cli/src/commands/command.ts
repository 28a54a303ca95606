import type { ParseArgsConfig } from 'node:util';

/** The parsed command line a command runs with. */
export interface CommandContext {
  readonly cwd: string;
  readonly positionals: readonly string[];
  readonly values: Readonly<Record<string, string | boolean | (string | boolean)[] | undefined>>;
}

/**
 * One `trellis` command. Adding a command is a file exporting one of these and a line in
 * `registry.ts`.
 */
export interface Command {
  readonly name: string;
  /** The synopsis after `trellis `, e.g. `dev [module] [--port N]`. */
  readonly usage: string;
  readonly summary: string;
  /** The options, one per line, as `--help` prints them. */
  readonly help: string;
  readonly options: NonNullable<ParseArgsConfig['options']>;
  /** Resolves with the exit code. */
  run(context: CommandContext): Promise<number>;
}
