import 'reflect-metadata';
import { expectTypeOf } from 'expect-type';
import { BackgroundTasks, defineTask, Depends, dependency, type TaskContext, type TaskDefinition, type TaskInput } from '@trellis/metadata';

/* Compile-time checks of defineTask / tasks.add inference (run by `tsc` in `npm test`). */

class WelcomeIn {
  to!: string;
  locale?: string;
  greeting(): string {
    return `hello ${this.to}`;
  }
}

class Pool {
  query(sql: string): number {
    return sql.length;
  }
}
const getPool = dependency({}, () => new Pool(), { scope: 'app' });
async function* getMailer() {
  yield { send: async (to: string) => to };
}

const sendWelcome = defineTask(
  'send-welcome',
  { input: WelcomeIn, retries: 3, backoff: { type: 'exponential', delayMs: 100 }, timeoutMs: 5000, deps: { pool: Depends(getPool), mailer: Depends(getMailer) } },
  async (input, ctx) => {
    expectTypeOf(input).toEqualTypeOf<WelcomeIn>();
    expectTypeOf(ctx.deps.pool).toEqualTypeOf<Pool>();
    expectTypeOf(ctx.deps.mailer.send).returns.resolves.toBeString();
    expectTypeOf(ctx.attempt).toBeNumber();
    expectTypeOf(ctx.jobId).toBeString();
    expectTypeOf(ctx.signal).toEqualTypeOf<AbortSignal>();
    expectTypeOf(await ctx.resolve(getPool)).toEqualTypeOf<Pool>();
    return input.greeting();
  },
);
expectTypeOf(sendWelcome).toEqualTypeOf<TaskDefinition<WelcomeIn>>();

const nightly = defineTask('nightly-cleanup', {}, (input, ctx) => {
  expectTypeOf(input).toBeVoid();
  expectTypeOf(ctx).toEqualTypeOf<TaskContext<Record<never, never>>>();
});
expectTypeOf(nightly).toEqualTypeOf<TaskDefinition<void>>();

// The input is the DTO's fields, methods dropped; optional fields stay optional.
expectTypeOf<TaskInput<WelcomeIn>>().toEqualTypeOf<{ to: string; locale?: string }>();

const tasks = new BackgroundTasks();
tasks.add(sendWelcome, { to: 'ada@example.com' });
tasks.add(sendWelcome, { to: 'ada@example.com', locale: 'en' }, { jobId: 'user-1' });
// @ts-expect-error a required field is missing
tasks.add(sendWelcome, {});
// @ts-expect-error a field has the wrong type
tasks.add(sendWelcome, { to: 42 });
// @ts-expect-error the input is required
tasks.add(sendWelcome);
tasks.add(nightly);
tasks.add(nightly, undefined, { jobId: 'daily' });
// @ts-expect-error a task without input takes none
tasks.add(nightly, { to: 'x' });

// Every task fits the registry's list, whatever its input.
const registered: readonly TaskDefinition[] = [sendWelcome, nightly];

test('type checks compile (the assertions above run under tsc)', () => {
  expect(registered.map((task) => task.name)).toEqual(['send-welcome', 'nightly-cleanup']);
});
