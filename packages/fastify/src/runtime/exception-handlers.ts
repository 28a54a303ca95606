import { HTTPException, type Response } from '@trellis/metadata';
import type { Request } from '../request';

/** Turns an exception into a response (FastAPI's `exception_handler`). */
export type ExceptionHandler<E = unknown> = (request: Request, exc: E) => Response | Promise<Response>;

/** Registered handlers: by class (nearest ancestor wins) and by status code. */
export class ExceptionHandlers {
  private readonly byClass = new Map<Function, ExceptionHandler>();
  private readonly byStatus = new Map<number, ExceptionHandler>();

  register(key: Function | number, handler: ExceptionHandler): void {
    if (typeof key === 'number') this.byStatus.set(key, handler);
    else this.byClass.set(key, handler);
  }

  /** The handler for an error, or `undefined` to use the built-in answer. */
  find(error: unknown, status: number): ExceptionHandler | undefined {
    // Status handlers apply to HTTP errors (HTTPException and routing/body errors), as in Starlette.
    if ((error instanceof HTTPException || status < 500) && this.byStatus.has(status)) return this.byStatus.get(status);
    if (typeof error === 'object' && error !== null) {
      for (let proto: object | null = Object.getPrototypeOf(error) as object | null; proto; proto = Object.getPrototypeOf(proto) as object | null) {
        const handler = this.byClass.get((proto as { constructor: Function }).constructor);
        if (handler) return handler;
      }
    }
    return status >= 500 ? this.byStatus.get(500) : undefined;
  }

  get size(): number {
    return this.byClass.size + this.byStatus.size;
  }
}
