'use strict';
/*
 * The server of tasks-enqueue.js: GET /task adds one named task and answers {"ok":true}.
 *   node tasks-enqueue-server.js none|in-process|bullmq <port> [redis-url]
 * none: the same route without a task; in-process: the task runs here after the response;
 * bullmq: the job is enqueued in Redis after the response (no worker: only the enqueue is paid).
 */
require('reflect-metadata');
const { BackgroundTasks, Controller, Get, defineTask } = require('@trellis/metadata');
const { createApp } = require('@trellis/fastify');
const { bullmqBackend } = require('@trellis/bullmq');
const { IsInt } = require('class-validator');

const [mode, port, redisUrl] = process.argv.slice(2);

class NoteIn {}
Reflect.decorate([IsInt()], NoteIn.prototype, 'n', undefined);
Reflect.defineMetadata('design:type', Number, NoteIn.prototype, 'n');

let ran = 0;
const note = defineTask('note', { input: NoteIn }, () => {
  ran++;
});

let n = 0;
class Jobs {
  task(tasks) {
    if (mode !== 'none') tasks.add(note, { n: n++ });
    return { ok: true };
  }
}
Reflect.defineMetadata('design:paramtypes', [BackgroundTasks], Jobs.prototype, 'task');
Reflect.decorate([Get('/task')], Jobs.prototype, 'task', Object.getOwnPropertyDescriptor(Jobs.prototype, 'task'));
Controller('')(Jobs);

const app = createApp({
  tasks: [note],
  taskBackend: mode === 'bullmq' ? bullmqBackend({ connection: redisUrl, queueName: 'bench' }) : undefined,
  fastify: { logger: false },
});
app.include(Jobs);
app.listen({ port: Number(port) }).then(() => console.log('ready'));
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
void ran;
