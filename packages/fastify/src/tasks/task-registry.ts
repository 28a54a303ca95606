import { isModelClass, isTaskDefinition, type TaskBackoff, type TaskDefinition, type TaskLogger, type ValidationErrorItem } from '@trellis/metadata';
import type { FastifyBaseLogger } from 'fastify';
import { startupError } from '../errors';
import type { RequestState } from '../request';
import { compileModel, type ModelValidator } from '../validation/compile-model';
import { INVALID } from '../validation/invalid';
import { compileTaskDependencies, type TaskDependencyContext, type TaskDependencyPlan } from './compile-task-dependencies';
import { runTaskAttempt } from './run-task-attempt';
import type { TaskAttempt, TaskBackend, TaskHost, TaskJob } from './task-backend';
import { taskError, type TaskError } from './task-error';

/** A registered task, compiled once at start-up. */
export interface RegisteredTask {
  readonly definition: TaskDefinition;
  readonly validator: ModelValidator | undefined;
  plan: TaskDependencyPlan;
  /** Hands a job to the backend; named after the task, so a failure logs "background task <name> failed". */
  readonly dispatch: (job: TaskJob) => Promise<void>;
}

export interface TaskRegistryContext extends TaskDependencyContext {
  readonly log: () => FastifyBaseLogger;
  readonly state: () => RequestState;
  readonly backend: () => TaskBackend;
}

/** Letters, digits, `.`, `_`, `-`: safe as a BullMQ job name and inside a job id (no `:`). */
const TASK_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/**
 * The app's named tasks (`createApp({ tasks })`): checked and compiled at start-up, looked up by
 * definition (in requests) and by name (in workers). It is also the `TaskHost` backends get.
 */
export class TaskRegistry implements TaskHost {
  private readonly byName = new Map<string, RegisteredTask>();
  private readonly byDefinition = new Map<TaskDefinition, RegisteredTask>();

  constructor(
    private readonly definitions: readonly unknown[],
    private readonly context: TaskRegistryContext,
  ) {}

  get log(): FastifyBaseLogger {
    return this.context.log();
  }

  get tasks(): readonly TaskDefinition[] {
    return [...this.byName.values()].map((registered) => registered.definition);
  }

  /** Checks every definition; throws a StartupError naming the task and what is wrong. */
  compile(): void {
    this.definitions.forEach((definition, index) => {
      if (!isTaskDefinition(definition)) {
        const what = typeof definition === 'function' ? `the function ${definition.name || '(anonymous)'}` : `a value of type ${typeof definition}`;
        throw startupError('TRELLIS_TASK_INVALID', {
          where: `createApp({ tasks }) entry #${index}`,
          reason: `${what} is not a task; define it with defineTask('name', { input: Dto }, fn)`,
        });
      }
      if (this.byDefinition.has(definition)) return;
      const label = `task ${definition.name}`;
      checkOptions(definition, label);
      const previous = this.byName.get(definition.name);
      if (previous) throw startupError('TRELLIS_TASK_DUPLICATE_NAME', { name: definition.name });
      const registered: RegisteredTask = {
        definition,
        validator: definition.input ? compileModel(definition.input, 'json', `${label} input`) : undefined,
        plan: this.compilePlan(definition),
        dispatch: { [definition.name]: (job: TaskJob) => this.context.backend().dispatch(job) }[definition.name]!,
      };
      this.byName.set(definition.name, registered);
      this.byDefinition.set(definition, registered);
    });
  }

  /** Dependency overrides changed: tasks resolve the new ones from now on. */
  recompile(): void {
    for (const registered of this.byName.values()) registered.plan = this.compilePlan(registered.definition);
  }

  registered(definition: TaskDefinition): RegisteredTask | undefined {
    return this.byDefinition.get(definition);
  }

  task(name: string): TaskDefinition | undefined {
    return this.byName.get(name)?.definition;
  }

  /** The input checked against the task's DTO: a validated instance, or a TaskError listing every problem. */
  validate(registered: RegisteredTask, input: unknown, where: string): unknown {
    const { definition, validator } = registered;
    if (!validator) {
      if (input === undefined || input === null) return undefined;
      throw taskError('TRELLIS_TASK_INPUT_INVALID', { where, task: definition.name, problem: 'must be empty: the task takes no input' }, { details: { task: definition.name, input } });
    }
    const errors: ValidationErrorItem[] = [];
    const value = validator.validate(input, ['input'], errors, 0);
    if (value !== INVALID) return value;
    const summary = errors.map((e) => `${e.loc.join('.')}: ${e.msg}`).join('; ');
    throw taskError('TRELLIS_TASK_INPUT_INVALID', { where, task: definition.name, problem: `does not satisfy ${validator.target.name}: ${summary}` }, {
      details: { task: definition.name, input, errors },
    });
  }

  runAttempt(job: { readonly task: TaskDefinition; readonly input: unknown; readonly jobId: string }, attempt: TaskAttempt & { readonly fromJson?: boolean }): Promise<unknown> {
    const registered = this.byDefinition.get(job.task) ?? this.byName.get(job.task.name);
    if (!registered) return Promise.reject(notRegistered(job.task, 'runAttempt'));
    let input = job.input;
    if (attempt.fromJson) {
      try {
        input = this.validate(registered, job.input, `job ${job.jobId}`);
      } catch (error) {
        return Promise.reject(error);
      }
    }
    const log: TaskLogger = this.log.child({ task: job.task.name, jobId: job.jobId, attempt: attempt.attempt });
    return runTaskAttempt(registered, input, job.jobId, attempt, {
      log,
      state: this.context.state(),
      resolvePlan: (dependency) =>
        compileTaskDependencies({ [dependency.name || 'dependency']: dependency }, `task ${job.task.name}: ctx.resolve()`, this.context, (message) => {
          throw taskError('TRELLIS_TASK_RESOLVE', { reason: message });
        }),
      reportCleanupFailure: (error) => log.error({ err: error }, 'a dependency cleanup failed'),
    });
  }

  private compilePlan(definition: TaskDefinition): TaskDependencyPlan {
    return compileTaskDependencies(definition.deps, `task ${definition.name}`, this.context, (message) => {
      throw startupError('TRELLIS_TASK_DEPENDENCY', { reason: message });
    });
  }
}

export function notRegistered(task: TaskDefinition, where: string): TaskError {
  return taskError('TRELLIS_TASK_NOT_REGISTERED', { where, task: task.name });
}

function checkOptions(definition: TaskDefinition, label: string): void {
  const invalid = (message: string): never => {
    throw startupError('TRELLIS_TASK_INVALID', { where: label, reason: message });
  };
  if (!TASK_NAME.test(definition.name)) invalid(`the name ${JSON.stringify(definition.name)} must be 1–100 letters, digits, '.', '_' or '-', starting with a letter or digit`);
  if (definition.input !== undefined && !isModelClass(definition.input)) invalid('input must be a DTO class');
  if (!Number.isSafeInteger(definition.retries) || definition.retries < 0) invalid(`retries must be a whole number ≥ 0, not ${definition.retries}`);
  if (definition.timeoutMs !== undefined && !(definition.timeoutMs > 0 && Number.isFinite(definition.timeoutMs))) {
    invalid(`timeoutMs must be a positive number of milliseconds, not ${definition.timeoutMs}`);
  }
  if (definition.backoff !== undefined && !validBackoff(definition.backoff)) invalid("backoff must be a delay in ms ≥ 0 or { type: 'fixed' | 'exponential', delayMs }");
}

function validBackoff(backoff: TaskBackoff): boolean {
  if (typeof backoff === 'number') return backoff >= 0 && Number.isFinite(backoff);
  return (backoff.type === 'fixed' || backoff.type === 'exponential') && backoff.delayMs >= 0 && Number.isFinite(backoff.delayMs);
}
