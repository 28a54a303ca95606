import 'reflect-metadata';
import { Controller, Get, JSONResponse } from '@trellis/metadata';
import { createApp, type Middleware } from '@trellis/fastify';
import { openapi } from '@trellis/swagger';

@Controller('/items')
class Items {
  @Get('')
  list() {
    return [];
  }
}

// #region protect
const DOCS = ['/api/openapi.json', '/docs', '/redoc'];

/** Only staff see the docs: the document and the pages are routes, so middleware wraps them. */
const staffOnly: Middleware = async (request, callNext) => {
  const docs = DOCS.some((url) => request.path === url || request.path.startsWith(`${url}/`));
  if (docs && request.headers['x-staff-token'] !== 'secret') {
    return new JSONResponse({ detail: 'Not authenticated' }, { status: 401 });
  }
  return callNext();
};

export const app = createApp({ title: 'Shop' })
  .include(Items)
  .addMiddleware(staffOnly)
  .use(
    openapi({
      openapiUrl: '/api/openapi.json', // Swagger UI and ReDoc load the document from here
      swaggerUiInitOAuth: { clientId: 'docs', usePkceWithAuthorizationCodeGrant: true },
    }),
  );
// OAuth2 flows in Swagger UI come back to /docs/oauth2-redirect
// #endregion protect
