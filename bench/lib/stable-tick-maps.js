'use strict';
/**
 * Preloaded (`node -r`) into every server the bench starts, whatever the implementation.
 *
 * V8 keeps the hidden classes of Node's `process.nextTick` records alive only while a record
 * is; idle full GCs can collect them, and after a few rounds nextTick's inline caches go
 * megamorphic for good, costing ~20% of a trivial request. Whether that happens depends on
 * heap size and GC timing, so without this an implementation could win or lose a scenario
 * by luck. Trellis guards against it itself (packages/fastify/src/runtime/keep-tick-maps.ts);
 * here every implementation gets the same guard, so the ratios measure framework work only.
 */
const { createHook } = require('node:async_hooks');

const hook = createHook({
  init(_asyncId, type, _triggerAsyncId, resource) {
    if (type === 'TickObject') globalThis.__benchKeptTickRecord = resource;
  },
});
hook.enable();
process.nextTick(() => undefined);
hook.disable();
