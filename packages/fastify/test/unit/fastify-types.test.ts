import { createApp } from '@trellis/fastify';
import { expectTypeOf } from 'expect-type';
import type { FastifyContextConfig, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/*
 * Type tests (checked by `tsc -p tsconfig.json`): Trellis adds nothing to Fastify's public
 * types, so users never meet its internals in FastifyRequest/FastifyReply autocompletion.
 * Its per-request state lives under symbols.
 */
type TrellisKeys<T> = Extract<keyof T, `trellis${string}`>;

test("Fastify's request, reply, instance and route config types are untouched", async () => {
  expectTypeOf<TrellisKeys<FastifyRequest>>().toEqualTypeOf<never>();
  expectTypeOf<TrellisKeys<FastifyReply>>().toEqualTypeOf<never>();
  expectTypeOf<TrellisKeys<FastifyInstance>>().toEqualTypeOf<never>();
  expectTypeOf<TrellisKeys<FastifyContextConfig>>().toEqualTypeOf<never>();
  const app = createApp();
  await app.ready();
  // No string-keyed decoration either: what a plugin author enumerates is Fastify's own.
  expect(Object.keys(app.fastify).filter((key) => key.startsWith('trellis'))).toEqual([]);
  await app.close();
});
