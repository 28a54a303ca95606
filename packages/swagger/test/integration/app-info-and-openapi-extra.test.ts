import 'reflect-metadata';
import { Body, Controller, Get, Post, Query, type RouteOptions } from '@trellis/metadata';
import { createApp, TestClient, type AppOptions } from '@trellis/fastify';
import { openapi, type OpenAPIDocument } from '@trellis/swagger';
import { IsString } from 'class-validator';
import { expectTypeOf } from 'expect-type';
import { validateOpenAPI } from '../../../../test/support/validate-openapi';

/*
 * The document's metadata from createApp() (FastAPI's FastAPI(title=…, terms_of_service=…,
 * license_info=…)), and a route's openapiExtra deep-merged into its operation
 * (FastAPI's openapi_extra).
 */

class ItemIn {
  @IsString() name!: string;
}

@Controller('/items')
class Items {
  @Get('', {
    openapiExtra: {
      'x-aperture-labs-portal': 'blue',
      parameters: [{ name: 'x-trace', in: 'header', required: false, schema: { type: 'string' } }],
      responses: { '200': { headers: { 'x-total': { schema: { type: 'integer' } } } } },
    },
  })
  list(@Query('q', { type: 'string', optional: true }) q: string | undefined) {
    return q === undefined ? [] : [q];
  }

  @Post('', { openapiExtra: { requestBody: { description: 'The item to store' }, summary: 'Store an item' } })
  create(@Body() item: ItemIn) {
    return item;
  }
}

const INFO: AppOptions = {
  title: 'Shop',
  summary: 'Sells things',
  description: 'The **shop** API',
  version: '2.0.0',
  termsOfService: 'https://shop.example.com/terms',
  contact: { name: 'Shop team', url: 'https://shop.example.com', email: 'api@shop.example.com' },
  license: { name: 'Apache 2.0', identifier: 'Apache-2.0' },
  externalDocs: { url: 'https://docs.shop.example.com', description: 'The guide' },
};

async function documentOf(app: ReturnType<typeof createApp>): Promise<OpenAPIDocument> {
  const res = await new TestClient(app).get('/openapi.json');
  await app.close();
  return res.json<OpenAPIDocument>();
}

describe('createApp() metadata', () => {
  test('fills info and externalDocs, in FastAPI\'s key order', async () => {
    const doc = await documentOf(createApp(INFO).include(Items).use(openapi()));
    expect(Object.keys(doc)).toEqual(['openapi', 'info', 'paths', 'components', 'externalDocs']);
    expect(JSON.stringify(doc.info)).toBe(
      JSON.stringify({
        title: 'Shop',
        summary: 'Sells things',
        description: 'The **shop** API',
        termsOfService: 'https://shop.example.com/terms',
        contact: { name: 'Shop team', url: 'https://shop.example.com', email: 'api@shop.example.com' },
        license: { name: 'Apache 2.0', identifier: 'Apache-2.0' },
        version: '2.0.0',
      }),
    );
    expect(doc.externalDocs).toEqual({ url: 'https://docs.shop.example.com', description: 'The guide' });
    expect(validateOpenAPI(doc)).toEqual({ valid: true, version: '3.1', errors: null });
  });

  test("openapi()'s own options win over createApp()'s", async () => {
    const doc = await documentOf(
      createApp(INFO).include(Items).use(openapi({ title: 'Shop (internal)', license: { name: 'Proprietary', url: 'https://shop.example.com/license' } })),
    );
    expect(doc.info.title).toBe('Shop (internal)');
    expect(doc.info.license).toEqual({ name: 'Proprietary', url: 'https://shop.example.com/license' });
    expect(doc.info.contact).toEqual(INFO.contact);
  });

  test('without them, info is title and version only', async () => {
    const doc = await documentOf(createApp().include(Items).use(openapi()));
    expect(doc.info).toEqual({ title: 'Trellis', version: '0.1.0' });
    expect(doc.externalDocs).toBeUndefined();
  });

  test('the option types are strict', () => {
    expectTypeOf<AppOptions['termsOfService']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<NonNullable<AppOptions['externalDocs']>>().toEqualTypeOf<{ readonly url: string; readonly description?: string }>();
    expectTypeOf<RouteOptions['openapiExtra']>().toEqualTypeOf<Readonly<Record<string, unknown>> | undefined>();
    // @ts-expect-error: a license is an SPDX identifier or a URL, not both (OpenAPI 3.1)
    createApp({ license: { name: 'MIT', identifier: 'MIT', url: 'https://opensource.org/licenses/MIT' } });
    // @ts-expect-error: externalDocs needs its url
    createApp({ externalDocs: { description: 'The guide' } });
  });
});

describe('openapiExtra', () => {
  test('is deep-merged into the operation: objects merged, arrays appended, values replaced', async () => {
    const doc = await documentOf(createApp().include(Items).use(openapi()));
    const list = doc.paths['/items']!.get!;
    expect(list['x-aperture-labs-portal']).toBe('blue');
    expect(list.parameters).toEqual([
      { name: 'q', in: 'query', required: false, schema: { type: 'string', title: 'Q' } },
      { name: 'x-trace', in: 'header', required: false, schema: { type: 'string' } },
    ]);
    expect(list.responses['200']).toEqual({
      description: 'Successful Response',
      content: { 'application/json': { schema: {} } },
      headers: { 'x-total': { schema: { type: 'integer' } } },
    });
    const create = doc.paths['/items']!.post!;
    expect(create.summary).toBe('Store an item');
    expect(create.requestBody).toEqual({
      required: true,
      content: { 'application/json': { schema: { $ref: '#/components/schemas/ItemIn' } } },
      description: 'The item to store',
    });
    expect(validateOpenAPI(doc)).toEqual({ valid: true, version: '3.1', errors: null });
  });

  test('only documents: the route still validates and answers as declared', async () => {
    const app = createApp().include(Items).use(openapi());
    const client = new TestClient(app);
    expect((await client.post('/items', { json: { name: 'pen' } })).json()).toEqual({ name: 'pen' });
    expect((await client.post('/items', { json: {} })).status).toBe(422);
    expect(app.routes.find((route) => route.method === 'GET')!.openapiExtra).toEqual({
      'x-aperture-labs-portal': 'blue',
      parameters: [{ name: 'x-trace', in: 'header', required: false, schema: { type: 'string' } }],
      responses: { '200': { headers: { 'x-total': { schema: { type: 'integer' } } } } },
    });
    await app.close();
  });
});
