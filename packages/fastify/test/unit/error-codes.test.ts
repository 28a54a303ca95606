import { STARTUP_ERROR_CODES, StartupError, TASK_ERROR_CODES, TaskError } from '@trellis/fastify';
import { TrellisError } from '@trellis/metadata';
import { documentedErrorCodes } from '../../../../test/support/documented-error-codes';
import { startupError } from '../../src/errors';
import { taskError } from '../../src/tasks/task-error';

/* docs/errors.md lists every start-up and task code with its meaning and message, and nothing else. */
test('every code is documented with its meaning and message template, and every documented code exists', () => {
  const documented = Object.fromEntries(Object.entries(documentedErrorCodes()).filter(([code]) => !/^TRELLIS_(OPENAPI|BULLMQ)_/.test(code)));
  expect(documented).toEqual({ ...STARTUP_ERROR_CODES, ...TASK_ERROR_CODES });
});

test('a task error is a TrellisError with its table message', () => {
  const error = taskError('TRELLIS_TASK_FAILED', { task: 'send', jobId: 'send/1', attempts: 3 }, { details: { input: { to: 'x' } } });
  expect(error).toBeInstanceOf(TaskError);
  expect(error).toBeInstanceOf(TrellisError);
  expect([error.name, error.code, error.message, (error as unknown as { input: unknown }).input]).toEqual([
    'TrellisTaskError',
    'TRELLIS_TASK_FAILED',
    'task send (job send/1) failed after 3 attempt(s) [TRELLIS_TASK_FAILED]',
    { to: 'x' },
  ]);
});

test('an error is raised with its table message, placeholders filled, and is a TrellisError', () => {
  const error = startupError('TRELLIS_DUPLICATE_ROUTE', { route: 'GET /a', first: 'A.x()', second: 'B.y()' });
  expect(error).toBeInstanceOf(StartupError);
  expect(error).toBeInstanceOf(TrellisError);
  expect([error.name, error.code, error.message]).toEqual(['TrellisStartupError', 'TRELLIS_DUPLICATE_ROUTE', 'GET /a is declared twice: by A.x() and by B.y() [TRELLIS_DUPLICATE_ROUTE]']);
  // Literal braces with spaces (`{ type }`) are text, not placeholders.
  expect(startupError('TRELLIS_PARAM_NO_TYPE', { site: 'S', reason: 'pass { type }' }).message).toBe('S: pass { type } [TRELLIS_PARAM_NO_TYPE]');
  // @ts-expect-error: every placeholder of the template must be given
  startupError('TRELLIS_DUPLICATE_ROUTE', { route: 'GET /a' });
});
