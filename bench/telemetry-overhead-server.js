'use strict';
/**
 * The app of bench/telemetry-overhead.js: GET /items?limit=2 with a generator dependency
 * and a query parameter (so every Trellis span kind exists), with telemetry `off`, `noop`
 * (the API's tracer with no SDK: the wrapping alone) or `sdk` (a NodeTracerProvider that
 * records every span and exports none: the wrapping plus real spans).
 */
require('reflect-metadata');
const { Controller, Depends, Get, Query } = require('@trellis/metadata');
const { createApp } = require('@trellis/fastify');

const variant = process.argv[2] ?? 'off';
const port = Number(process.argv[3] ?? 3972);

function* getDb() {
  yield { rows: ['a', 'b', 'c'] };
}
class Items {
  list(db, limit) {
    return db.rows.slice(0, limit);
  }
}
Reflect.defineMetadata('design:paramtypes', [Object, Number], Items.prototype, 'list');
Depends(getDb)(Items.prototype, 'list', 0);
Query('limit')(Items.prototype, 'list', 1);
Reflect.decorate([Get('/items')], Items.prototype, 'list', Object.getOwnPropertyDescriptor(Items.prototype, 'list'));
Controller('')(Items);

function tracerFor(name) {
  if (name === 'off') return undefined;
  const { trace } = require('@opentelemetry/api');
  if (name === 'sdk') {
    const { NodeTracerProvider } = require('@opentelemetry/sdk-trace-node');
    new NodeTracerProvider().register();
  } else if (name !== 'noop') {
    throw new Error(`unknown variant ${name} (off, noop, sdk)`);
  }
  return trace.getTracer('bench');
}

const tracer = tracerFor(variant);
const app = createApp({ fastify: { logger: false }, ...(tracer && { telemetry: { tracer } }) });
app.include(Items);
app.listen({ port, logStartup: false }).then(() => console.log('ready'));
