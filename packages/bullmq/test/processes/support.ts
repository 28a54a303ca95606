import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Queue } from 'bullmq';

/* Child processes (web and worker) for the multi-process proofs, and reading what they recorded. */

const REGISTER = join(__dirname, '..', '..', '..', '..', 'test', 'reliability', 'child', 'register-ts.js');

export interface Child {
  readonly process: ChildProcess;
  readonly name: string;
  /** The JSON log records (and any other line) the child wrote to stdout. */
  readonly lines: string[];
  /** `http://127.0.0.1:<port>` for a web child. */
  readonly base: string;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** The child's log records (stdout lines that are JSON). */
  records(): { level: number; msg: string; [key: string]: unknown }[];
}

function spawnChild(script: 'web' | 'worker', name: string, env: Record<string, string>): Promise<Child> {
  const child = fork(join(__dirname, 'child', `${script}.ts`), [], {
    execArgv: ['-r', REGISTER],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  const lines: string[] = [];
  let partial = '';
  child.stdout!.setEncoding('utf8');
  child.stdout!.on('data', (chunk: string) => {
    const parts = (partial + chunk).split('\n');
    partial = parts.pop()!;
    lines.push(...parts);
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    void exited.then(({ code }) => reject(new Error(`${name} exited with ${code} before it was ready:\n${lines.join('\n')}`)));
    child.once('message', (message: { type: string; port?: number }) => {
      resolve({
        process: child,
        name,
        lines,
        base: message.port === undefined ? '' : `http://127.0.0.1:${message.port}`,
        exited,
        records: () =>
          lines.flatMap((line) => {
            try {
              return [JSON.parse(line) as { level: number; msg: string }];
            } catch {
              return [];
            }
          }),
      });
    });
  });
}

export const startWeb = (name: string, env: Record<string, string>): Promise<Child> => spawnChild('web', name, env);
export const startWorkerProcess = (name: string, env: Record<string, string>): Promise<Child> => spawnChild('worker', name, env);

/** A temporary directory for the workers' run logs. */
export function runsDir(): { dir: string; db(name: string): string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'trellis-runs-'));
  return { dir, db: (name) => join(dir, `${name}.sqlite`), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface RunRow {
  job_id: string;
  n: number;
  attempt: number;
  event: 'started' | 'done';
  pid: number;
  file: string;
}

/** Every run recorded in the given SQLite files (a file a worker never opened counts as empty). */
export function readRuns(files: readonly string[]): RunRow[] {
  return files.flatMap((file) => {
    let db: Database.Database;
    try {
      db = new Database(file, { readonly: true, fileMustExist: true });
    } catch {
      return [];
    }
    try {
      // The worker may have created the file but not yet the table.
      if (!db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'runs'").get()) return [];
      return (db.prepare('SELECT job_id, n, attempt, event, pid FROM runs').all() as Omit<RunRow, 'file'>[]).map((row) => ({ ...row, file }));
    } finally {
      db.close();
    }
  });
}

/** How many times each key occurs. */
export function tally<T>(values: readonly T[]): Map<T, number> {
  const counts = new Map<T, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}

export async function until(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A BullMQ queue handle for the test itself (counts, failed jobs). */
export function inspectQueue(url: string, name: string): Queue {
  const queue = new Queue(name, { connection: { url } });
  queue.on('error', () => undefined);
  return queue;
}

/** Sends SIGTERM to every child still running and waits for them. */
export async function stopAll(children: readonly Child[]): Promise<void> {
  await Promise.all(
    children.map(async (child) => {
      if (child.process.exitCode === null && child.process.signalCode === null) child.process.kill('SIGTERM');
      await child.exited;
    }),
  );
}
