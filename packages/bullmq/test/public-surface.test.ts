import { publicSurface } from '../../../test/support/public-surface';

/*
 * The whole public surface of @trellis/bullmq: what its src/index.ts exports. An export added
 * or removed by accident fails here; a deliberate one updates this list (and the docs).
 */
test('@trellis/bullmq exports exactly its documented surface', () => {
  expect(publicSurface('bullmq')).toEqual({
    values: ['BULLMQ_ERROR_CODES', 'BullMQBackend', 'BullMQError', 'TaskWorker', 'bullmqBackend', 'startWorker'],
    types: ['BullMQBackendOptions', 'BullMQErrorCode', 'RedisConnection', 'WorkerOptions'],
  });
});
