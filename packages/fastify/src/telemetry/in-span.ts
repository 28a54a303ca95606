import type { TelemetrySpan, TelemetryTracer } from './telemetry-options';

/** OpenTelemetry's `SpanStatusCode.ERROR`, written out so nothing imports `@opentelemetry/api`. */
export const STATUS_ERROR = 2;

function failed(span: TelemetrySpan, error: unknown): void {
  span.setStatus({ code: STATUS_ERROR, message: error instanceof Error ? error.message : String(error) });
  span.recordException(error instanceof Error ? error : String(error));
  span.end();
}

const isThenable = (value: unknown): value is PromiseLike<unknown> =>
  typeof value === 'object' && value !== null && typeof (value as PromiseLike<unknown>).then === 'function';

/**
 * Runs `fn` as the active span `name`, ended when `fn` returns or, for a promise, settles;
 * a throw or rejection marks the span as an error and is passed on unchanged. A synchronous
 * `fn` stays synchronous (the plan's sync fast paths keep working under telemetry).
 */
export function inSpan<T>(tracer: TelemetryTracer, name: string, attributes: Record<string, string | number>, fn: () => T): T {
  return tracer.startActiveSpan(name, { attributes }, (span): T => {
    let result: T;
    try {
      result = fn();
    } catch (error) {
      failed(span, error);
      throw error;
    }
    if (!isThenable(result)) {
      span.end();
      return result;
    }
    return Promise.resolve(result).then(
      (value) => {
        span.end();
        return value;
      },
      (error: unknown) => {
        failed(span, error);
        throw error;
      },
    ) as T;
  });
}
