import cluster, { type Worker } from 'node:cluster';
import { isWorkerMessage, SERVE_SCRIPT } from './worker-message';

/** What every worker serves. */
export interface PrimaryOptions {
  readonly file: string;
  readonly esm: boolean;
  readonly host: string;
  readonly port: number;
}

/**
 * The node:cluster primary of `trellis start --workers N`. It forks the workers (which share
 * the port), prints the address once all listen, replaces a worker that dies while serving,
 * and on SIGTERM/SIGINT sends SIGTERM to each worker — which closes its app gracefully — and
 * exits once all are gone. A worker failing to start stops the whole cluster: it prints the
 * first worker's error once and exits 1, since every worker would fail alike.
 */
export function runPrimary(options: PrimaryOptions, count: number): Promise<number> {
  const args = ['--file', options.file, '--host', options.host, '--port', String(options.port), '--role', 'worker'];
  if (options.esm) args.push('--esm');
  cluster.setupPrimary({ exec: SERVE_SCRIPT, args });

  return new Promise((resolve) => {
    const live = new Set<Worker>();
    const listening = new Set<Worker>();
    let stopping = false;
    let exitCode = 0;
    let reported = false;

    const stop = (code: number): void => {
      exitCode = Math.max(exitCode, code);
      if (stopping) return;
      stopping = true;
      for (const worker of live) worker.process.kill('SIGTERM');
      finishIfDone();
    };
    const finishIfDone = (): void => {
      if (stopping && live.size === 0) resolve(exitCode);
    };

    const fork = (): void => {
      const worker = cluster.fork();
      live.add(worker);
      worker.on('message', (message: unknown) => {
        if (!isWorkerMessage(message)) return;
        if (message.type === 'trellis:failed') {
          if (!reported) process.stderr.write(`${message.lines.join('\n')}\n`);
          reported = true;
          stop(1);
          return;
        }
        listening.add(worker);
        if (listening.size === count && !reported) {
          reported = true;
          const [first = '', ...rest] = message.lines;
          process.stdout.write(`${[`${first} (${count} workers, primary pid ${process.pid})`, ...rest].join('\n')}\n`);
        }
      });
      worker.on('exit', (code, signal) => {
        live.delete(worker);
        const wasListening = listening.delete(worker);
        if (stopping) {
          // A worker that could not close cleanly makes the whole stop a failure.
          if (code !== 0) exitCode = Math.max(exitCode, code ?? 1);
          return finishIfDone();
        }
        // Died before listening without saying why (a crash while loading): stop, don't loop.
        if (!wasListening) return stop(code === 0 || code === null ? 1 : code);
        process.stderr.write(`Trellis: worker ${worker.process.pid} exited (${signal ?? `code ${code}`}); starting another\n`);
        fork();
      });
    };

    process.on('SIGTERM', () => stop(0));
    process.on('SIGINT', () => stop(0));
    for (let i = 0; i < count; i++) fork();
  });
}
