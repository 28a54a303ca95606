import type { Extractor } from '../plan/compile-param';
import type { DependencyNode, RoutePlan } from '../plan/route-plan';
import type { PendingCleanup, RequestContext } from '../runtime/request-context';
import { INVALID } from '../validation/invalid';
import { inSpan, STATUS_ERROR } from './in-span';
import type { TelemetryTracer } from './telemetry-options';

/** OpenTelemetry's semantic-convention name for the route template (`/items/:id`). */
const HTTP_ROUTE = 'http.route';

/**
 * The same plan with spans compiled around its closures, built at start-up only when
 * `createApp({ telemetry })` is set: a route without telemetry keeps its original plan, so
 * the request path does not change at all. Each dependency's call becomes the span
 * `dependency <name>`; a `yield` dependency's teardown, `cleanup <name>`; the handler's
 * extractors are folded into one that runs them as the span `validate`; the handler call is
 * `handler <Controller.method()>`. `runRoute` walks the result unchanged.
 */
export function traceRoutePlan(plan: RoutePlan, tracer: TelemetryTracer): RoutePlan {
  const attributes = Object.freeze({ [HTTP_ROUTE]: plan.url });
  const { invoke } = plan;
  const handlerName = `handler ${plan.label}`;
  return Object.freeze({
    ...plan,
    nodes: plan.nodes.map((node) => traceNode(node, tracer, attributes)),
    handlerArgs: [validateAll(plan.handlerArgs, tracer, attributes)],
    // The folded extractor's single value is the handler's argument list.
    invoke: (args: unknown[]) => inSpan(tracer, handlerName, attributes, () => invoke(args[0] as unknown[])),
  });
}

/** All the handler's extractors as one, inside a `validate` span (an error span when one failed). */
function validateAll(extractors: readonly Extractor[], tracer: TelemetryTracer, attributes: Record<string, string>): Extractor {
  return (ctx) =>
    tracer.startActiveSpan('validate', { attributes }, (span) => {
      const before = ctx.errors.length;
      const args = new Array<unknown>(extractors.length);
      let failed = false;
      try {
        for (let i = 0; i < extractors.length; i++) {
          const value = extractors[i]!(ctx);
          if (value === INVALID) failed = true;
          args[i] = value;
        }
      } finally {
        // A thrown extractor (an HTTPException from a Request read, say) is not a validation error; the span still ends.
        if (failed || ctx.errors.length > before) span.setStatus({ code: STATUS_ERROR, message: 'request validation failed' });
        span.end();
      }
      return failed ? INVALID : args;
    });
}

function traceNode(node: DependencyNode, tracer: TelemetryTracer, attributes: Record<string, string>): DependencyNode {
  const name = node.original.name || 'anonymous';
  const { call } = node;
  const spanName = `dependency ${name}`;
  if (node.scope === 'app' || (node.kind !== 'generator' && node.kind !== 'asyncGenerator')) {
    return { ...node, call: (args, ctx) => inSpan(tracer, spanName, attributes, () => call(args, ctx)) };
  }
  const cleanupName = `cleanup ${name}`;
  // The generator's call parks its cleanup last on the scope's list; it is wrapped in place once parked.
  const list = node.scope === 'function' ? (ctx: RequestContext) => ctx.functionCleanups : (ctx: RequestContext) => ctx.requestCleanups;
  const traceCleanup = (ctx: RequestContext): void => {
    const cleanups = list(ctx)!;
    const parked = cleanups[cleanups.length - 1]!;
    const traced: PendingCleanup = { finish: (error) => inSpan(tracer, cleanupName, attributes, () => parked.finish(error)) };
    cleanups[cleanups.length - 1] = traced;
  };
  return {
    ...node,
    call: (args, ctx) =>
      inSpan(tracer, spanName, attributes, () => {
        const value = call(args, ctx);
        if (node.kind === 'generator') {
          traceCleanup(ctx as RequestContext);
          return value;
        }
        return (value as Promise<unknown>).then((first) => {
          traceCleanup(ctx as RequestContext);
          return first;
        });
      }),
  };
}
