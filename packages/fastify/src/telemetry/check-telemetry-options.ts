import { startupError } from '../errors';
import type { TelemetryOptions } from './telemetry-options';

/**
 * `createApp({ telemetry })` checked at once: a TracerProvider (or the `trace` API object)
 * passed for the tracer is the likely slip, and would otherwise fail on the first request.
 */
export function checkTelemetryOptions(telemetry: TelemetryOptions | undefined): void {
  if (telemetry === undefined) return;
  const tracer = (telemetry as { tracer?: unknown }).tracer;
  if (typeof (tracer as { startActiveSpan?: unknown } | undefined)?.startActiveSpan !== 'function') {
    throw startupError('TRELLIS_APP_OPTION_INVALID', {
      option: 'telemetry.tracer',
      reason: "it needs an OpenTelemetry Tracer, with startActiveSpan(); get one with trace.getTracer('my-api') from @opentelemetry/api",
    });
  }
}
