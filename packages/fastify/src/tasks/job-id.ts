import { createHash, randomUUID } from 'node:crypto';
import type { TaskDefinition } from '@trellis/metadata';
import { taskError } from './task-error';

const MAX_KEY_LENGTH = 200;

/**
 * The id a job is stored under, always `<task name>/<key>` so two tasks never share one:
 * - `tasks.add(task, input, { jobId: 'order-42' })` → `send-receipt/order-42`;
 * - else, with an `Idempotency-Key` request header → `send-receipt/idem-<sha256 of it, 32 hex>-<n>`,
 *   `n` counting this task's adds within the request (so a retried request gets the same ids);
 * - else a random UUID: every add is a new job.
 */
export function jobIdFor(task: TaskDefinition, explicit: string | undefined, idempotencyKey: string | undefined, ordinal: number, where: string): string {
  if (explicit !== undefined) {
    if (typeof explicit !== 'string' || explicit.length === 0 || explicit.length > MAX_KEY_LENGTH || explicit.includes(':')) {
      throw taskError('TRELLIS_TASK_JOB_ID_INVALID', { where, task: task.name, jobId: JSON.stringify(explicit), max: MAX_KEY_LENGTH });
    }
    return `${task.name}/${explicit}`;
  }
  if (idempotencyKey !== undefined && idempotencyKey.length > 0) {
    const digest = createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 32);
    return `${task.name}/idem-${digest}-${ordinal}`;
  }
  return `${task.name}/${randomUUID()}`;
}
