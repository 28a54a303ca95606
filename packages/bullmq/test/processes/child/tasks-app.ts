import 'reflect-metadata';
import { BackgroundTasks, Controller, defineTask, Depends, dependency, Path, Post, Query } from '@trellis/metadata';
import { createApp, type TrellisApp } from '@trellis/fastify';
import { bullmqBackend } from '@trellis/bullmq';
import Database from 'better-sqlite3';
import { IsInt, IsOptional, Min } from 'class-validator';
import { setTimeout as sleep } from 'node:timers/promises';

/*
 * The app every process of the proofs runs: web processes serve POST /jobs/:n (each request adds
 * one job), worker processes run the jobs. A run is recorded in this process's own SQLite file
 * (RUNS_DB): 'started' before the task's work, 'done' after it, so the tests count by job id
 * what ran, where, and how often.
 */

export class RunIn {
  @IsInt() @Min(0) n!: number;
  @IsOptional() @IsInt() @Min(0) delayMs?: number;
}

export interface RunLog {
  record(event: 'started' | 'done', jobId: string, n: number, attempt: number): void;
}

/** App-scoped: opened on the first job of a worker, closed when the worker's app closes. */
const getRunLog = dependency(
  {},
  function* getRunLog(): Generator<RunLog, void, void> {
    const db = new Database(process.env.RUNS_DB!);
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE IF NOT EXISTS runs (job_id TEXT NOT NULL, n INTEGER NOT NULL, attempt INTEGER NOT NULL, event TEXT NOT NULL, pid INTEGER NOT NULL)');
    const insert = db.prepare('INSERT INTO runs (job_id, n, attempt, event, pid) VALUES (?, ?, ?, ?, ?)');
    try {
      yield { record: (event, jobId, n, attempt) => insert.run(jobId, n, attempt, event, process.pid) };
    } finally {
      db.close();
    }
  },
  { scope: 'app' },
);

export const recordRun = defineTask('record-run', { input: RunIn, deps: { runs: Depends(getRunLog) } }, async (input, ctx) => {
  ctx.deps.runs.record('started', ctx.jobId, input.n, ctx.attempt);
  if (input.delayMs) await sleep(input.delayMs);
  ctx.deps.runs.record('done', ctx.jobId, input.n, ctx.attempt);
});

export const alwaysFails = defineTask('always-fails', { input: RunIn, retries: 2, backoff: 50 }, (input) => {
  throw new Error(`refused n=${input.n}`);
});

@Controller('')
class Jobs {
  @Post('/jobs/:n', { status: 202 })
  add(@Path('n', { type: 'integer' }) n: number, @Query('delay', { type: 'integer', default: 0 }) delayMs: number, tasks: BackgroundTasks) {
    tasks.add(recordRun, { n, delayMs }, { jobId: `n-${n}` });
    return { n };
  }

  @Post('/fail/:n', { status: 202 })
  fail(@Path('n', { type: 'integer' }) n: number, tasks: BackgroundTasks) {
    tasks.add(alwaysFails, { n });
    return { n };
  }
}

export function buildTasksApp(): TrellisApp {
  const app = createApp({
    tasks: [recordRun, alwaysFails],
    taskBackend: bullmqBackend({
      connection: process.env.REDIS_URL!,
      queueName: process.env.QUEUE ?? 'proofs',
      maxBuffered: process.env.MAX_BUFFERED === undefined ? undefined : Number(process.env.MAX_BUFFERED),
    }),
    shutdownTimeoutMs: 15_000,
    fastify: { logger: { level: process.env.LOG_LEVEL ?? 'warn' } },
  });
  return app.include(Jobs);
}
