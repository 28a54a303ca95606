/**
 * Durable Trellis background tasks on BullMQ (Redis): `bullmqBackend()` for the app, `startWorker()`
 * (and `trellis worker` in @trellis/cli) for worker processes. The public surface of @trellis/bullmq
 * (test/public-surface.test.ts lists it).
 * @packageDocumentation
 * @module @trellis/bullmq
 */
export { bullmqBackend, BullMQBackend, type BullMQBackendOptions } from './bullmq-backend';
export { startWorker } from './start-worker';
export { TaskWorker, type WorkerOptions } from './task-worker';
export type { RedisConnection } from './connection';
export { BullMQError, BULLMQ_ERROR_CODES, type BullMQErrorCode } from './errors';
