import 'reflect-metadata';
import { Controller, Get, Post } from '@trellis/metadata';
import { createApp, TestClient, type AppOptions } from '@trellis/fastify';
import { openapi } from '@trellis/swagger';
import { validateOpenAPI } from '../../../../test/support/validate-openapi';

@Controller('')
class Shop {
  @Get('/books') books() {
    return [];
  }
  @Post('/login', { rateLimit: { max: 5, timeWindow: '1 minute' } }) login() {
    return {};
  }
  @Get('/health', { rateLimit: false }) health() {
    return {};
  }
}

const TOO_MANY = {
  description: 'Too Many Requests',
  headers: { 'Retry-After': { description: 'Seconds until the client may try again', schema: { type: 'integer' } } },
  content: { 'application/json': { schema: { type: 'object', properties: { detail: { type: 'string', title: 'Detail' } }, required: ['detail'], title: 'RateLimitError' } } },
};

async function documentOf(options: AppOptions) {
  const response = await new TestClient(createApp(options).include(Shop).use(openapi())).get('/openapi.json');
  return response.json() as { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };
}

const codes = (document: Awaited<ReturnType<typeof documentOf>>) =>
  Object.fromEntries(Object.entries(document.paths).map(([path, item]) => [path, Object.keys(Object.values(item)[0]!.responses)]));

test("a route's own limit documents its 429 with Retry-After", async () => {
  const document = await documentOf({});
  expect(codes(document)).toEqual({ '/books': ['200'], '/login': ['200', '429'], '/health': ['200'] });
  expect(document.paths['/login']!.post!.responses['429']).toEqual(TOO_MANY);
  expect(validateOpenAPI(document).valid).toBe(true);
});

test("the app's limit documents a 429 on every route not exempted", async () => {
  expect(codes(await documentOf({ rateLimit: { max: 100 } }))).toEqual({ '/books': ['200', '429'], '/login': ['200', '429'], '/health': ['200'] });
  expect(codes(await documentOf({ rateLimit: { max: 100, global: false } }))).toEqual({ '/books': ['200'], '/login': ['200', '429'], '/health': ['200'] });
});
