import type { Command } from './command';
import { dev } from './dev';
import { start } from './start';
import { worker } from './worker';

/** Every `trellis` command, in the order `trellis --help` lists them. */
export const COMMANDS: readonly Command[] = [dev, start, worker];
