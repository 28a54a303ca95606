import type { BackgroundTasks, Response, ValidationErrorItem } from '@trellis/metadata';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { parse as parseCookieHeader } from 'cookie';

/** A generator dependency waiting for its cleanup: resumed normally, or with the error. */
export interface PendingCleanup {
  readonly finish: (error: unknown) => unknown;
}

/**
 * Everything one request accumulates while its plan runs. A class so every request's
 * context has the same shape (one hidden class for V8); fields that only some routes
 * need stay undefined until used.
 */
export class RequestContext {
  readonly errors: ValidationErrorItem[] = [];
  /** One slot per dependency node of the plan (cached values and INVALID for skipped ones). */
  readonly values: unknown[];
  response: Response | undefined = undefined;
  tasks: BackgroundTasks | undefined = undefined;
  requestCleanups: PendingCleanup[] | undefined = undefined;
  functionCleanups: PendingCleanup[] | undefined = undefined;
  private cookieJar: Record<string, string | undefined> | undefined = undefined;

  constructor(
    readonly request: FastifyRequest,
    readonly reply: FastifyReply,
    slotCount: number,
  ) {
    this.values = slotCount === 0 ? EMPTY : new Array<unknown>(slotCount);
  }

  /** Cookies parsed on first use only, so routes that read none never pay for it. */
  cookies(): Record<string, string | undefined> {
    if (this.cookieJar === undefined) {
      const header = this.request.headers.cookie;
      this.cookieJar = header ? parseCookieHeader(header) : {};
    }
    return this.cookieJar;
  }
}

const EMPTY: unknown[] = [];
