import { createApp, type TrellisApp } from '@trellis/fastify';
import type { RouteDescription } from '@trellis/metadata';
import { buildOpenAPIDocument, openapi, openapiDocument, type OpenAPIDocument, type OpenAPIOptions, type SwaggerUiInitOAuth } from '@trellis/swagger';
import { expectTypeOf } from 'expect-type';

/*
 * Type tests (checked by `tsc -p tsconfig.json`): jest alone would not notice if the
 * public signatures loosened to `any` or stopped accepting what the README shows.
 */
test('public signatures', () => {
  expectTypeOf(openapi).parameter(0).toEqualTypeOf<OpenAPIOptions | undefined>();
  expectTypeOf(openapi()).toEqualTypeOf<(app: TrellisApp) => void>();
  expectTypeOf(createApp().use(openapi({ openapiUrl: null }))).toEqualTypeOf<TrellisApp>();
  expectTypeOf(openapiDocument).returns.toEqualTypeOf<OpenAPIDocument | undefined>();
  expectTypeOf(buildOpenAPIDocument).parameter(0).toEqualTypeOf<readonly RouteDescription[]>();
  expectTypeOf<OpenAPIOptions['docsUrl']>().toEqualTypeOf<string | null | undefined>();
  expectTypeOf<OpenAPIDocument['openapi']>().toEqualTypeOf<'3.1.0'>();
  expectTypeOf<OpenAPIOptions['customize']>().not.toBeAny();
  // @ts-expect-error: a number is no URL
  openapi({ docsUrl: 8000 });
  // @ts-expect-error: the validation error needs a model or a named schema
  openapi({ validationError: { description: 'x' } });
  expectTypeOf<OpenAPIOptions['swaggerUiInitOAuth']>().toEqualTypeOf<SwaggerUiInitOAuth | undefined>();
  openapi({ swaggerUiInitOAuth: { clientId: 'docs', scopes: ['me'], usePkceWithAuthorizationCodeGrant: true } });
  // @ts-expect-error: Swagger UI knows no such key (a misspelling would be ignored silently)
  openapi({ swaggerUiInitOAuth: { usePkce: true } });
  expect(typeof openapi()).toBe('function');
});
