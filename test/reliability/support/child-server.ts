import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const REGISTER = join(__dirname, '..', 'child', 'register-ts.js');

export interface Memory {
  readonly heapUsed: number;
  readonly rss: number;
  readonly external: number;
  readonly gcForced: boolean;
}

/** A Trellis app running in its own Node process, started with --expose-gc. */
export interface ChildServer {
  readonly child: ChildProcess;
  readonly port: number;
  readonly base: string;
  /** Asks the child for its counters and memory after a forced GC. */
  request<T>(type: string): Promise<T>;
  /** Resolves with the exit code. */
  exited(): Promise<number | null>;
  /** Lines the child wrote to stdout (its logger's JSON lines among them). */
  readonly output: string[];
}

/** Forks `script` (TypeScript, under test/reliability/child) and waits until it listens. */
export function startChild(script: string, env: Record<string, string> = {}): Promise<ChildServer> {
  const child = fork(join(__dirname, '..', 'child', script), [], {
    execArgv: ['--expose-gc', '-r', REGISTER],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  const output: string[] = [];
  let partial = '';
  child.stdout!.setEncoding('utf8');
  child.stdout!.on('data', (chunk: string) => {
    const lines = (partial + chunk).split('\n');
    partial = lines.pop()!;
    output.push(...lines);
  });
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    void exit.then((code) => reject(new Error(`${script} exited with ${code} before listening`)));
    child.once('message', (message: { type: string; port: number }) => {
      if (message.type !== 'listening') return reject(new Error(`unexpected first message ${message.type}`));
      const base = `http://127.0.0.1:${message.port}`;
      resolve({
        child,
        port: message.port,
        base,
        output,
        exited: () => exit,
        request: <T>(type: string) =>
          new Promise<T>((answer) => {
            const reply = type === 'close' ? 'closed' : type;
            const listener = (m: { type: string }) => {
              if (m.type !== reply) return;
              child.off('message', listener);
              answer(m as T);
            };
            child.on('message', listener);
            child.send({ type });
          }),
      });
    });
  });
}
