import 'reflect-metadata';
import { Controller, Get, isBodylessStatus, JSONResponse, Post } from '@trellis/metadata';
import { createApp, TestClient } from '@trellis/fastify';
import { openapi, openapiDocument } from '@trellis/swagger';

/*
 * One set of statuses without content (RFC 9110: 1xx, 204, 205, 304), used alike when
 * answering and when documenting.
 */
@Controller()
class Statuses {
  @Post('/reset', { status: 205 })
  reset() {
    return { ignored: true };
  }

  @Get('/reset-response')
  resetResponse() {
    return new JSONResponse({ ignored: true }, { status: 205 });
  }

  @Get('/not-modified', { status: 304 })
  notModified() {
    return { ignored: true };
  }
}

const app = createApp().include(Statuses).use(openapi());
const client = new TestClient(app);

test('the set', () => {
  expect([100, 101, 199, 204, 205, 304].every(isBodylessStatus)).toBe(true);
  expect([200, 201, 202, 203, 206, 301, 400, 404, 500].some(isBodylessStatus)).toBe(false);
});

test.each([
  ['POST', '/reset', 205],
  ['GET', '/reset-response', 205],
  ['GET', '/not-modified', 304],
])('%s %s answers %i without a body', async (method, url, status) => {
  const res = await client.request(method, url);
  expect(res.status).toBe(status);
  expect(res.text).toBe('');
  expect(res.headers['content-type']).toBeUndefined();
});

test('the document gives those responses no content', async () => {
  await app.ready();
  const paths = openapiDocument(app)!.paths;
  expect(paths['/reset']!.post!.responses['205']).toEqual({ description: 'Successful Response' });
  expect(paths['/not-modified']!.get!.responses['304']).toEqual({ description: 'Successful Response' });
});
