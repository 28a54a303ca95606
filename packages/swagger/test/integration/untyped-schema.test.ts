import 'reflect-metadata';
import { Body, Controller, Post, Query } from '@trellis/metadata';
import { createApp } from '@trellis/fastify';
import { openapi, openapiDocument } from '@trellis/swagger';
import { validateOpenAPI } from '../../../../test/support/validate-openapi';

describe('values declared untyped on purpose', () => {
  @Controller('/untyped')
  class Untyped {
    @Post('/object')
    object(@Body(undefined, { type: 'object' }) body: Record<string, unknown>) {
      return body;
    }

    @Post('/any')
    any(@Body(undefined, { type: 'any' }) body: unknown, @Query('raw', { type: 'any', optional: true }) raw: unknown) {
      return { body, raw };
    }
  }

  test("{ type: 'object' } is Pydantic's dict schema; { type: 'any' } is {}", async () => {
    const app = createApp().include(Untyped);
    app.use(openapi());
    await app.ready();
    const doc = openapiDocument(app)!;
    expect(validateOpenAPI(doc)).toMatchObject({ valid: true });
    expect(doc.paths['/untyped/object']!.post!.requestBody).toEqual({
      required: true,
      content: { 'application/json': { schema: { type: 'object', additionalProperties: true } } },
    });
    expect(doc.paths['/untyped/any']!.post!.requestBody).toEqual({ required: true, content: { 'application/json': { schema: {} } } });
    expect(doc.paths['/untyped/any']!.post!.parameters).toEqual([{ name: 'raw', in: 'query', required: false, schema: { title: 'Raw' } }]);
  });
});
