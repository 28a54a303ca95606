import { createHook } from 'node:async_hooks';

let kept: object | undefined;

/**
 * Keeps one of Node's internal `process.nextTick` records alive for the life of the process.
 *
 * Why: Node builds each tick record with an object literal whose keys are symbols, so V8
 * gives the record its hidden classes ("maps") by transition, held only weakly. While the
 * server is idle no record is alive, and a full GC (frequent after a large start-up, e.g.
 * class-validator and a compiled app) collects those maps; the next record gets fresh ones.
 * After four such rounds the literal's inline caches in `nextTick` go megamorphic for good
 * and every `process.nextTick` (several per HTTP request inside Node's streams) takes V8's
 * runtime path: measured at ~20% of the CPU of a trivial GET. One live record keeps the
 * maps, and with them the caches, stable.
 *
 * The record is caught by an `init` hook enabled for one `nextTick` call only: async hooks
 * cost nothing once no hook is enabled (unlike `executionAsyncResource()`, which switches
 * on resource tracking for every native callback from then on).
 */
export function keepTickMapsAlive(): void {
  if (kept !== undefined) return;
  const hook = createHook({
    init(_asyncId, type, _triggerAsyncId, resource) {
      if (type === 'TickObject') kept = resource;
    },
  });
  hook.enable();
  try {
    process.nextTick(noop);
  } finally {
    hook.disable();
  }
}

const noop = (): void => undefined;
