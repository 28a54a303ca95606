import 'reflect-metadata';
import { Controller, Depends, Get, JSONResponse, Query, RequestValidationError } from '@trellis/metadata';
import { createApp, TestClient, type TrellisApp } from '@trellis/fastify';

/*
 * One default 422 (`defaultValidationResponse()`), whatever exception handlers exist:
 * registering a handler for something else leaves it byte for byte as it was; a handler
 * for RequestValidationError or for status 422 replaces it, on every path.
 */
class Unrelated extends Error {}
const token = (): string => 'ok';

@Controller()
class Routes {
  @Get('/plain') plain(@Query('n', { type: 'integer' }) n: number) {
    return { n };
  }
  @Get('/async') async later(@Query('n', { type: 'integer' }) n: number) {
    return { n };
  }
  @Get('/with-dependency') withDependency(@Depends(token) t: string, @Query('n', { type: 'integer' }) n: number) {
    return { t, n };
  }
}

const urls = ['/plain?n=x', '/async?n=x', '/with-dependency?n=x'];
const answer = async (app: TrellisApp, url: string) => {
  const res = await new TestClient(app).get(url);
  return { status: res.status, type: res.headers['content-type'], length: res.headers['content-length'], text: res.text };
};

test.each(urls)('%s: an unrelated handler or middleware changes nothing in the 422', async (url) => {
  const bare = await answer(createApp().include(Routes), url);
  expect(bare.status).toBe(422);
  expect(JSON.parse(bare.text)).toEqual({
    detail: [{ type: 'int_parsing', loc: ['query', 'n'], msg: 'Input should be a valid integer, unable to parse string as an integer', input: 'x' }],
  });
  const unrelated = createApp().include(Routes).exceptionHandler(Unrelated, () => new JSONResponse({ detail: 'unrelated' }, { status: 400 }));
  expect(await answer(unrelated, url)).toEqual(bare);
  const wrapped = createApp().include(Routes).addMiddleware((request, callNext) => callNext(request));
  expect(await answer(wrapped, url)).toEqual(bare);
});

test.each(urls)('%s: a handler for RequestValidationError or for status 422 replaces it', async (url) => {
  const byClass = createApp()
    .include(Routes)
    .exceptionHandler(RequestValidationError, (_request, exc) => new JSONResponse({ problems: exc.errors().length }, { status: 400 }));
  expect(await answer(byClass, url)).toMatchObject({ status: 400, text: '{"problems":1}' });
  const byStatus = createApp().include(Routes).exceptionHandler(422, () => new JSONResponse({ status: 'invalid' }, { status: 422 }));
  expect(await answer(byStatus, url)).toMatchObject({ status: 422, text: '{"status":"invalid"}' });
});
