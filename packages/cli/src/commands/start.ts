import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import { appModule, isEsmFile, readProject } from '../project/project';
import { LISTEN_HELP, LISTEN_OPTIONS, listenOptions, stringValue } from '../serve/listen-options';
import { serveApp } from '../serve/serve-app';
import { runPrimary } from '../serve/run-primary';
import type { Command } from './command';
import { UsageError } from './usage-error';

/**
 * `trellis start`: serves the built app (JavaScript, no compiler), in this process or in
 * `--workers N` node:cluster workers sharing the port. SIGTERM/SIGINT close every worker
 * gracefully with `app.close()`.
 */
export const start: Command = {
  name: 'start',
  usage: 'start [module] [--workers N] [--port N] [--host H]',
  summary: 'Serve the built app in production (optionally in several worker processes).',
  help: [
    '  module            the built module exporting `buildApp()` or `app`',
    '                    (default: package.json "trellis": { "start": … }, else dist/app.js)',
    '  --workers, -w <n> worker processes on node:cluster (default 1: no cluster)',
    LISTEN_HELP.replace('%HOST%', '0.0.0.0'),
  ].join('\n'),
  options: { ...LISTEN_OPTIONS, workers: { type: 'string', short: 'w' } },
  async run(context) {
    const project = readProject(context.cwd);
    const file = appModule(project, context.cwd, 'start', context.positionals[0], 'dist/app.js');
    if (!existsSync(file)) {
      throw new UsageError(`${relative(context.cwd, file) || file} does not exist: build the app first (npm run build)`);
    }
    const listen = listenOptions(context, '0.0.0.0');
    const workersText = stringValue(context.values.workers) ?? '1';
    const workers = Number(workersText);
    if (!/^\d+$/.test(workersText) || workers < 1) throw new UsageError(`--workers must be a whole number of at least 1, got "${workersText}"`);
    const serve = { file, esm: isEsmFile(file, project), ...listen };
    if (workers === 1) {
      await serveApp({ ...serve, role: 'start' });
      // Serving goes on until a signal closes the app and exits the process.
      return new Promise<number>(() => undefined);
    }
    return runPrimary(serve, workers);
  },
};
