import 'reflect-metadata';
import { BackgroundTasks, Body, Controller, Depends, dependency, Header, Path, Post, Query } from '@trellis/metadata';
import { createApp } from '@trellis/fastify';
import { Type } from 'class-transformer';
import { IsEmail, IsInt, IsString, Length, Min, ValidateNested } from 'class-validator';

/*
 * The server side of the soak and shutdown suites, run in its own process (started with
 * --expose-gc through register-ts.js) so its memory is measured apart from the load
 * generator's. Every request passes a middleware, a generator dependency with cleanup,
 * validation of path/query/header/body, a response model, and queues a background task.
 * The parent talks to it over IPC: "stats" (after a forced GC), "close".
 */

class Address {
  @IsString() @Length(1, 40) city!: string;
  @IsInt() @Min(0) zip!: number;
}

class ItemIn {
  @IsString() @Length(1, 50) name!: string;
  @IsEmail() email!: string;
  @IsInt() @Min(0) price!: number;
  @ValidateNested() @Type(() => Address) address!: Address;
  @IsString() password!: string;
}

class ItemOut {
  @IsInt() id!: number;
  @IsString() name!: string;
  @IsInt() price!: number;
  @ValidateNested() @Type(() => Address) address!: Address;
}

const counters = { middleware: 0, opened: 0, cleanups: 0, tasksQueued: 0, tasksRun: 0, handled: 0 };
const taskDelayMs = Number(process.env.SOAK_TASK_DELAY_MS ?? 0);
const handlerDelayMs = Number(process.env.SOAK_HANDLER_DELAY_MS ?? 0);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function* connection() {
  counters.opened++;
  try {
    yield { tenant: 't1' };
  } finally {
    counters.cleanups++;
  }
}

const caller = dependency({ token: Header('x-token', { type: 'string', minLength: 3 }), db: Depends(connection) }, ({ token, db }) => ({ token, tenant: db.tenant }));

async function audit(id: number): Promise<void> {
  if (taskDelayMs > 0) await sleep(taskDelayMs);
  if (id < 0) throw new Error('unreachable');
  counters.tasksRun++;
}

@Controller('/soak')
class Soak {
  @Post('/items/:id', { status: 201, responseModel: ItemOut })
  async create(
    @Path('id', { type: 'integer', minimum: 1 }) id: number,
    @Query('verbose', { type: 'boolean', default: false }) verbose: boolean,
    @Body() item: ItemIn,
    @Depends(caller) who: { token: string; tenant: string },
    tasks: BackgroundTasks,
  ) {
    if (handlerDelayMs > 0) await sleep(handlerDelayMs);
    counters.handled++;
    counters.tasksQueued++;
    tasks.addTask(audit, id);
    return { id, ...item, verbose, tenant: who.tenant };
  }
}

const app = createApp({ shutdownTimeoutMs: Number(process.env.SOAK_SHUTDOWN_TIMEOUT_MS ?? 10_000), fastify: { logger: { level: 'error' } } });
app.include(Soak);
app.addMiddleware(async (request, callNext) => {
  counters.middleware++;
  const response = await callNext(request);
  return response.setHeader('x-soak', '1');
});

const gc = (globalThis as { gc?: () => void }).gc;

function memory() {
  gc?.();
  gc?.();
  const { heapUsed, rss, external } = process.memoryUsage();
  return { heapUsed, rss, external, gcForced: gc !== undefined };
}

process.on('message', (message: { type: string }) => {
  if (message.type === 'stats') {
    process.send!({ type: 'stats', counters: { ...counters }, pending: app.pendingBackgroundTasks, memory: memory() });
  } else if (message.type === 'close') {
    const started = Date.now();
    void app.close().then(() => {
      process.send!({ type: 'closed', counters: { ...counters }, pending: app.pendingBackgroundTasks, tookMs: Date.now() - started });
    });
  }
});

void app.listen({ port: 0 }).then(() => {
  const address = app.fastify.server.address() as { port: number };
  process.send!({ type: 'listening', port: address.port, memory: memory() });
});
