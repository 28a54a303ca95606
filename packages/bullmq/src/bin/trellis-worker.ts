#!/usr/bin/env node
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { TrellisApp } from '@trellis/fastify';
import { startWorker } from '../start-worker';

const USAGE = `usage: trellis-worker <compiled module> [--export buildApp] [--concurrency 10] [--grace-ms 10000]

Loads the module (e.g. dist/app.js), takes its export (a function returning the app, or the app
itself; default: buildApp, then app, then default) and runs its tasks from Redis until SIGTERM.`;

/** The app a module exports: `name` if given, else `buildApp()`, `app` or the default export. */
async function loadApp(modulePath: string, name: string | undefined): Promise<TrellisApp> {
  const exports = require(resolve(process.cwd(), modulePath)) as Record<string, unknown>;
  const candidates = name ? [name] : ['buildApp', 'app', 'default'];
  for (const key of candidates) {
    const value = exports[key];
    if (value === undefined) continue;
    const app = typeof value === 'function' && !('taskBackend' in value) ? await (value as () => TrellisApp | Promise<TrellisApp>)() : value;
    if (typeof app === 'object' && app !== null && 'taskBackend' in app) return app as TrellisApp;
    throw new Error(`${modulePath}: export "${key}" is not a Trellis app or a function returning one`);
  }
  throw new Error(`${modulePath} exports none of ${candidates.join(', ')}`);
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { export: { type: 'string' }, concurrency: { type: 'string' }, 'grace-ms': { type: 'string' }, help: { type: 'boolean' } },
  });
  if (values.help || positionals.length !== 1) {
    console.error(USAGE);
    process.exit(values.help ? 0 : 2);
  }
  const app = await loadApp(positionals[0]!, values.export);
  await startWorker(app, {
    concurrency: values.concurrency === undefined ? undefined : Number(values.concurrency),
    graceMs: values['grace-ms'] === undefined ? undefined : Number(values['grace-ms']),
  });
  console.log(`trellis-worker: running the tasks of ${positionals[0]} (SIGTERM to stop)`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
