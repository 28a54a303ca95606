import { startupError } from '../errors';
import type { DispatchMiddleware, Middleware, MiddlewareFunction } from './middleware';

const isDispatchClass = (value: Function): boolean =>
  typeof (value.prototype as Partial<DispatchMiddleware> | undefined)?.dispatch === 'function';

/** Normalises the three accepted shapes into one function, once, at `addMiddleware()` time. */
export function toMiddlewareFunction(middleware: Middleware, args: readonly unknown[] = []): MiddlewareFunction {
  if (typeof middleware === 'function') {
    if (!isDispatchClass(middleware)) {
      if (!Function.prototype.toString.call(middleware).startsWith('class')) return middleware as MiddlewareFunction;
      throw startupError('TRELLIS_MIDDLEWARE_INVALID', { given: `the class ${middleware.name}, which has no dispatch(request, callNext) method` });
    }
    const instance = new (middleware as new (...a: unknown[]) => DispatchMiddleware)(...args);
    return (request, callNext) => instance.dispatch(request, callNext);
  }
  if (typeof middleware === 'object' && middleware !== null && typeof middleware.dispatch === 'function') {
    return (request, callNext) => middleware.dispatch(request, callNext);
  }
  throw startupError('TRELLIS_MIDDLEWARE_INVALID', {
    given: `${describe(middleware)}: expected a function (request, callNext), a class with dispatch() or an object with dispatch()`,
  });
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'object') return `an object without dispatch() (${(value as object).constructor?.name ?? 'Object'})`;
  return `a ${typeof value}`;
}
