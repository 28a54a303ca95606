import { JSONResponse, Response } from '@trellis/metadata';
import { createApp, type CallNext, type Lifespan, type Middleware, type Request, type TrellisApp } from '@trellis/fastify';
import { expectTypeOf } from 'expect-type';

/*
 * Type tests (checked by `tsc -p tsconfig.json`): what addMiddleware, exceptionHandler and
 * lifespan accept and infer, so a loosening to `any` or a lost inference is caught.
 */
class InsufficientFunds extends Error {
  constructor(readonly balance: number) {
    super('insufficient funds');
  }
}

test('middleware, exception handler and lifespan signatures', () => {
  const app = createApp({
    async *lifespan(self) {
      expectTypeOf(self).toEqualTypeOf<TrellisApp>();
      yield { db: 'connected' };
    },
    onStartup: [() => undefined, async () => undefined],
  });
  expectTypeOf<CallNext>().returns.toEqualTypeOf<Promise<Response>>();
  expectTypeOf<Parameters<CallNext>>().toEqualTypeOf<[request?: Request]>();

  app.addMiddleware(async (request, callNext) => {
    expectTypeOf(request).toEqualTypeOf<Request>();
    return callNext(request);
  });
  class Stamp {
    constructor(readonly value: string) {}
    async dispatch(request: Request, callNext: CallNext) {
      return (await callNext(request)).setHeader('x-stamp', this.value);
    }
  }
  app.addMiddleware(Stamp, { args: ['v1'], prefix: '/api' });
  app.addMiddleware({ dispatch: (_request: Request, callNext: CallNext) => callNext() });
  // @ts-expect-error: a number is no middleware
  expect(() => app.addMiddleware(42)).toThrow('[TRELLIS_MIDDLEWARE_INVALID]');
  // @ts-expect-error: a middleware must answer with a Response
  app.addMiddleware(async () => ({ status: 200 }));

  app.exceptionHandler(InsufficientFunds, (request, exc) => {
    expectTypeOf(exc).toEqualTypeOf<InsufficientFunds>();
    expectTypeOf(request).toEqualTypeOf<Request>();
    return new JSONResponse({ detail: exc.balance }, { status: 402 });
  });
  // @ts-expect-error: an exception handler must answer with a Response
  app.exceptionHandler(404, () => 'not found');

  expectTypeOf(app.pendingBackgroundTasks).toEqualTypeOf<number>();
  expectTypeOf(app.state).toEqualTypeOf<Record<string, unknown>>();
  expectTypeOf<Middleware>().not.toBeAny();
  // @ts-expect-error: a lifespan yields an object (the state) or nothing
  const yieldsNumber: Lifespan<TrellisApp> = async function* () {
    yield 5;
  };
  expect(typeof yieldsNumber).toBe('function');
});
