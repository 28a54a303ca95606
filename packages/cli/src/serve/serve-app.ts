import { createRequire } from 'node:module';
import { relative } from 'node:path';
import { parseArgs } from 'node:util';
import type { OpenAPIUrls } from '@trellis/swagger';
import { describeStartupError } from './describe-startup-error';
import { loadApp, type ServableApp } from './load-app';
import type { WorkerMessage } from './worker-message';

/** How one process serves the app. */
export interface ServeOptions {
  readonly file: string;
  readonly esm: boolean;
  readonly host: string;
  readonly port: number;
  /** `worker`: a node:cluster worker, which reports to the primary instead of printing. */
  readonly role: 'dev' | 'start' | 'worker';
}

/**
 * Loads the app, listens, prints where (and where its docs are), and closes it gracefully on
 * SIGTERM/SIGINT (`app.close()`: in-flight requests finish, background tasks drain). A
 * failed start prints a readable error and exits 1.
 */
export async function serveApp(options: ServeOptions): Promise<void> {
  let app: ServableApp | undefined;
  try {
    app = await loadApp(options.file, options.esm);
    // The CLI prints where it listens itself (below): listen()'s own log lines would repeat it.
    const address = await app.listen({ host: options.host, port: options.port, logStartup: false });
    // Before saying so: once every worker has, the primary prints the address, and a Ctrl-C
    // to the whole group may follow at once (a worker without handlers yet would just die).
    closeOnSignals(app, options.role === 'worker');
    report({ type: 'trellis:listening', lines: listeningLines(app, address, options.file) }, options);
  } catch (error) {
    report({ type: 'trellis:failed', lines: [`Trellis could not start ${shortPath(options.file)}:`, describeStartupError(error, options)] }, options);
    await app?.close().catch(() => undefined);
    process.exit(1);
  }
}

function report(message: WorkerMessage, options: ServeOptions): void {
  if (options.role === 'worker' && process.send) process.send(message);
  else (message.type === 'trellis:failed' ? process.stderr : process.stdout).write(`${message.lines.join('\n')}\n`);
}

function listeningLines(app: ServableApp, address: string, file: string): string[] {
  const lines = [`Trellis app ${shortPath(file)} listening on ${address}`];
  const urls = openapiUrlsOf(app, file);
  if (urls) {
    const pages = [
      urls.docsUrl === null ? undefined : `${address}${urls.docsUrl} (Swagger UI)`,
      urls.redocUrl === null ? undefined : `${address}${urls.redocUrl} (ReDoc)`,
    ].filter((page) => page !== undefined);
    if (pages.length > 0) lines.push(`  API docs: ${pages.join(', ')}`);
    lines.push(`  OpenAPI:  ${address}${urls.openapiUrl}`);
  }
  return lines;
}

/** The docs URLs from the app's own copy of @trellis/swagger, when it uses one. */
function openapiUrlsOf(app: ServableApp, file: string): OpenAPIUrls | undefined {
  try {
    const swagger = createRequire(file)('@trellis/swagger') as { openapiUrls?: (app: ServableApp) => OpenAPIUrls | undefined };
    return swagger.openapiUrls?.(app);
  } catch {
    return undefined;
  }
}

function closeOnSignals(app: ServableApp, worker: boolean): void {
  let closingOn: NodeJS.Signals | 'disconnect' | undefined;
  const shutdown = (reason: NodeJS.Signals | 'disconnect'): void => {
    // The same signal twice (Ctrl-C again) stops waiting for in-flight work. A different one
    // does not: Ctrl-C reaches every process of the terminal's group, and then the parent
    // (the cluster primary, Node's watcher) sends SIGTERM as well.
    if (closingOn !== undefined) {
      if (reason === closingOn) process.exit(1);
      return;
    }
    closingOn = reason;
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`Trellis: closing the app failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
  // A worker whose primary is gone (killed hard) closes rather than serving on alone.
  if (worker) process.on('disconnect', () => shutdown('disconnect'));
}

const shortPath = (file: string): string => {
  const path = relative(process.cwd(), file);
  return path.startsWith('..') ? file : path;
};

/** The program `trellis dev` runs under `node --watch`, and every `--workers` worker runs. */
function main(argv: readonly string[]): void {
  const { values } = parseArgs({
    args: [...argv],
    options: { file: { type: 'string' }, host: { type: 'string' }, port: { type: 'string' }, role: { type: 'string' }, esm: { type: 'boolean' } },
  });
  void serveApp({
    file: values.file!,
    esm: values.esm === true,
    host: values.host!,
    port: Number(values.port),
    role: values.role === 'worker' ? 'worker' : values.role === 'start' ? 'start' : 'dev',
  });
}

if (require.main === module) main(process.argv.slice(2));
