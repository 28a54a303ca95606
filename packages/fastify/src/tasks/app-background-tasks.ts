import { BackgroundTasks, type TaskAddArgs, type TaskDefinition } from '@trellis/metadata';
import type { FastifyRequest } from 'fastify';
import { jobIdFor } from './job-id';
import type { TaskBackend, TaskJob } from './task-backend';
import { taskError } from './task-error';
import { notRegistered, type TaskRegistry } from './task-registry';

/**
 * The `BackgroundTasks` a request gets. `add()` does in the request what must fail the request
 * when it fails (a 500, logged, before any response): the task must be registered, its input
 * valid; the backend may refuse the job (a 503). The job itself reaches the backend only after
 * the response succeeded, through the same after-response queue as plain functions.
 */
export class AppBackgroundTasks extends BackgroundTasks {
  constructor(
    private readonly registry: TaskRegistry,
    private readonly backend: TaskBackend,
    private readonly request: FastifyRequest,
    private readonly label: string,
  ) {
    super();
  }

  override addTask<A extends unknown[]>(fn: (...args: A) => unknown, ...args: A): void {
    if (!this.backend.acceptsFunctions) {
      const name = fn.name || 'an anonymous function';
      throw taskError('TRELLIS_TASK_NOT_PERSISTABLE', { where: this.label, function: name, backend: this.backend.name }, { details: { function: name } });
    }
    super.addTask(fn, ...args);
  }

  override add<I>(task: TaskDefinition<I>, ...[input, options]: TaskAddArgs<I>): void {
    const definition = task as TaskDefinition;
    const registered = this.registry.registered(definition);
    if (!registered) throw notRegistered(definition, this.label);
    const value = this.registry.validate(registered, input, `${this.label}: tasks.add(${definition.name})`);
    let ordinal = 0;
    for (const queued of this.tasks) if (queued.task === definition) ordinal++;
    const header = this.request.headers['idempotency-key'];
    const job: TaskJob = { task: definition, input: value, jobId: jobIdFor(definition, options?.jobId, typeof header === 'string' ? header : undefined, ordinal, this.label) };
    this.backend.admit?.(job);
    this.tasks.push({ fn: registered.dispatch as (...args: never[]) => unknown, args: [job], task: definition, input: value });
  }
}
