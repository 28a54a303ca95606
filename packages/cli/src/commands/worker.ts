import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { relative } from 'node:path';
import { appModule, isEsmFile, readProject } from '../project/project';
import { stringValue } from '../serve/listen-options';
import { describeStartupError } from '../serve/describe-startup-error';
import { loadApp, type ServableApp } from '../serve/load-app';
import type { Command } from './command';
import { UsageError } from './usage-error';

/** What this command needs of @trellis/bullmq, loaded from the app's own dependencies. */
interface BullMQModule {
  startWorker(app: ServableApp, options: { concurrency?: number; graceMs?: number }): Promise<unknown>;
}

/** A whole number of at least `min`, or undefined when the option is absent. */
function wholeNumber(text: string | undefined, option: string, min: number): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text) || Number(text) < min) throw new UsageError(`--${option} must be a whole number of at least ${min}, got "${text}"`);
  return Number(text);
}

/**
 * `trellis worker`: runs the built app's named tasks from Redis with @trellis/bullmq's
 * `startWorker` — the app's lifespan and dependencies without HTTP — until SIGTERM/SIGINT,
 * which let active jobs finish (or return them to the queue after --grace-ms) and exit 0.
 */
export const worker: Command = {
  name: 'worker',
  usage: 'worker [module] [--concurrency N] [--grace-ms N]',
  summary: "Run the built app's background tasks from Redis (@trellis/bullmq), without HTTP.",
  help: [
    '  module               the built module exporting `buildApp()` or `app`, created with',
    '                       taskBackend: bullmqBackend(…) (default: package.json "trellis":',
    '                       { "worker": … }, else its "start" module, else dist/app.js)',
    '  --concurrency, -c <n> jobs run at once (default 10)',
    '  --grace-ms <ms>      on SIGTERM, how long active jobs may still run before they go',
    '                       back to the queue (default 10000)',
  ].join('\n'),
  options: { concurrency: { type: 'string', short: 'c' }, 'grace-ms': { type: 'string' } },
  async run(context) {
    const project = readProject(context.cwd);
    const file = appModule(project, context.cwd, 'worker', context.positionals[0], project.config.start ?? 'dist/app.js');
    const shown = relative(context.cwd, file) || file;
    if (!existsSync(file)) throw new UsageError(`${shown} does not exist: build the app first (npm run build)`);
    const concurrency = wholeNumber(stringValue(context.values.concurrency), 'concurrency', 1);
    const graceMs = wholeNumber(stringValue(context.values['grace-ms']), 'grace-ms', 0);
    let bullmq: BullMQModule;
    try {
      bullmq = createRequire(file)('@trellis/bullmq') as BullMQModule;
    } catch {
      throw new UsageError(`${shown} cannot load @trellis/bullmq: trellis worker runs tasks on it (npm install @trellis/bullmq)`);
    }
    try {
      const app = await loadApp(file, isEsmFile(file, project));
      await bullmq.startWorker(app, { concurrency, graceMs });
    } catch (error) {
      process.stderr.write(`Trellis could not start the worker of ${shown}:\n${describeStartupError(error, { host: '', port: 0 })}\n`);
      // As `trellis start` does: whatever the failed start left open (a Redis connection) must not keep the process.
      process.exit(1);
    }
    process.stdout.write(`Trellis worker for ${shown}: running its tasks from Redis (SIGTERM to stop)\n`);
    // startWorker closes and exits on SIGTERM/SIGINT.
    return new Promise<number>(() => undefined);
  },
};
