import 'reflect-metadata';
import { Controller, Get, JSONResponse } from '@trellis/metadata';
import { createApp, type MiddlewareFunction } from '@trellis/fastify';

@Controller()
class Hello {
  @Get('/hello')
  hello() {
    return { message: 'hello' };
  }
}

// #region middleware
const processTime: MiddlewareFunction = async (request, callNext) => {
  const started = performance.now();
  const response = await callNext(request); // everything inside: routing, validation, the handler
  response.setHeader('x-process-time', (performance.now() - started).toFixed(2));
  return response;
};

const apiKey: MiddlewareFunction = async (request, callNext) => {
  if (request.headers['x-api-key'] !== 'let-me-in') {
    return new JSONResponse({ detail: 'Not authenticated' }, { status: 401 }); // the route never runs
  }
  return callNext(request);
};

export const app = createApp().include(Hello);
app.addMiddleware(apiKey);
app.addMiddleware(processTime); // added last: the outermost, so it also times the 401s
// #endregion middleware
