/**
 * The part of an OpenTelemetry span Trellis writes to. Structural, so `@trellis/fastify`
 * needs no import of `@opentelemetry/api`: any `Span` from it fits.
 */
export interface TelemetrySpan {
  setAttribute(key: string, value: string | number): unknown;
  setStatus(status: { code: number; message?: string }): unknown;
  recordException(exception: Error | string): unknown;
  end(): void;
}

/**
 * The part of an OpenTelemetry `Tracer` Trellis calls: `startActiveSpan`, so each span is
 * the active one while the code it measures runs (spans the code opens nest under it).
 * `trace.getTracer('my-api')` from `@opentelemetry/api` fits.
 */
export interface TelemetryTracer {
  startActiveSpan<F extends (span: TelemetrySpan) => unknown>(
    name: string,
    options: { attributes?: Record<string, string | number> },
    fn: F,
  ): ReturnType<F>;
}

/**
 * `createApp({ telemetry })`: Trellis's own spans around each dependency (`dependency getDb`,
 * `cleanup getDb` for a `yield` dependency's teardown), the validation of the handler's
 * parameters (`validate`) and the handler (`handler Items.list()`). Without it no span code
 * is compiled into any route.
 * @example
 * createApp({ telemetry: { tracer: trace.getTracer('bookstore') } });
 */
export interface TelemetryOptions {
  readonly tracer: TelemetryTracer;
}
