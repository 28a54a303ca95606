export { bullmqBackend, BullMQBackend, type BullMQBackendOptions } from './bullmq-backend';
export { startWorker } from './start-worker';
export { TaskWorker, type WorkerOptions } from './task-worker';
export type { RedisConnection } from './connection';
export { BullMQError, BULLMQ_ERROR_CODES, type BullMQErrorCode } from './errors';
