import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import { createRequire } from 'node:module';

type SchemaController = NonNullable<FastifyServerOptions['schemaController']>;
type CompilersFactory = NonNullable<SchemaController['compilersFactory']>;
type ValidatorBuilder = NonNullable<CompilersFactory['buildValidator']>;
type SerializerBuilder = NonNullable<CompilersFactory['buildSerializer']>;

/**
 * Fastify's schema compilers, built on first use. Fastify loads Ajv and fast-json-stringify
 * for every instance, although Trellis gives Fastify no schema: its routes validate and
 * serialize through their own compiled plans. Loaded only when a route on `app.fastify`
 * declares a Fastify schema, they cost an app that has none nothing (measured: about 3 MB
 * of idle RSS and 1.3 MB of heap). The compilers are Fastify's own, resolved next to the
 * copy of Fastify in use.
 */
export function lazySchemaCompilers(): SchemaController {
  const fromFastify = createRequire(require.resolve('fastify'));
  return {
    compilersFactory: {
      buildValidator: lazyBuilder(() => (fromFastify('@fastify/ajv-compiler') as () => ValidatorBuilder)()),
      buildSerializer: lazyBuilder(() => (fromFastify('@fastify/fast-json-stringify-compiler') as () => SerializerBuilder)()),
    },
  };
}

function lazyBuilder<Builder extends (externalSchemas: never, options: never) => unknown>(load: () => Builder): Builder {
  let builder: Builder | undefined;
  return ((externalSchemas: never, options: never) => (builder ??= load())(externalSchemas, options)) as Builder;
}

/**
 * A `compilersFactory` makes Fastify treat the validator as a custom one (Joi, TypeBox), and
 * it then stops lower-casing the property names of `headers` schemas. These compilers are
 * Fastify's own, so the flag is set back on the root schema controller before any plugin
 * context copies it; test/integration/fastify-schemas.test.ts holds the behaviour.
 */
export function keepFastifyHeaderSchemas(fastify: FastifyInstance): void {
  const key = Object.getOwnPropertySymbols(fastify).find((symbol) => symbol.description === 'fastify.schemaController');
  const controller = key && (fastify as unknown as Record<symbol, { isCustomValidatorCompiler?: boolean } | undefined>)[key];
  if (controller) controller.isCustomValidatorCompiler = false;
}
