import 'reflect-metadata';
import { Controller, Depends, dependency, Post, Req } from '@trellis/metadata';
import { createApp, Request } from '@trellis/fastify';

// #region dependency
const clientInfo = dependency({ request: Req<Request>() }, function clientInfo({ request }) {
  return { host: request.client.host, agent: request.headers['user-agent'] ?? null };
});
// #endregion dependency

@Controller()
class Echo {
  // #region handler
  @Post('/echo/:name')
  async echo(request: Request, @Depends(clientInfo) client: { host: string; agent: string | null }) {
    return {
      method: request.method,
      url: request.url,
      path: request.path,
      pathParams: request.pathParams,
      query: request.query,
      cookies: request.cookies,
      body: await request.json(),
      client,
    };
  }
  // #endregion handler
}

export const app = createApp().include(Echo);
