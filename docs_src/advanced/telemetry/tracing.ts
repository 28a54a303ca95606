// #region tracing
import { FastifyOtelInstrumentation } from '@fastify/otel';
import { trace } from '@opentelemetry/api';
import { InMemorySpanExporter, NodeTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-node';

// In production: BatchSpanProcessor with an OTLP exporter (@opentelemetry/exporter-trace-otlp-http).
export const exporter = new InMemorySpanExporter();
const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
provider.register(); // the global provider, with the AsyncLocalStorage context manager

// @fastify/otel: a span per request and per Fastify hook and handler.
export const fastifyOtel = new FastifyOtelInstrumentation();
fastifyOtel.setTracerProvider(provider);

// Trellis's own spans: dependencies, validation, the handler.
export const tracer = trace.getTracer('bookstore');
// #endregion tracing

export const shutdownTracing = () => provider.shutdown();
