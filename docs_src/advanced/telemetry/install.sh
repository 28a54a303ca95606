npm install @fastify/otel @opentelemetry/api @opentelemetry/sdk-trace-node
