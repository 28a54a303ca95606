import 'reflect-metadata';
import { Controller, Depends, dependency, File, Form, Get, OAuth2PasswordBearer, OAuth2PasswordRequestForm, Post, Security, UploadFile, WebSocket, APIKeyHeader } from '@trellis/metadata';
import { createApp, TestClient } from '@trellis/fastify';
import { openapi } from '@trellis/swagger';

/* What the security, form and file declarations put into the OpenAPI document (built by @trellis/swagger from the route plans). */

const oauth2 = OAuth2PasswordBearer({ tokenUrl: '/token', scopes: { me: 'Read yourself', items: 'Read items' } });
const apiKey = APIKeyHeader({ name: 'x-api-key' });
const currentUser = dependency({ token: Security(oauth2, { scopes: ['me'] }) }, ({ token }) => ({ token }));

@Controller()
class Api {
  @Post('/token')
  token(@Depends(OAuth2PasswordRequestForm) form: OAuth2PasswordRequestForm) {
    return { access_token: form.username, token_type: 'bearer' };
  }
  @Get('/items')
  items(@Security(currentUser, { scopes: ['items'] }) user: { token: string }, @Depends(apiKey) key: string) {
    return { user, key };
  }
  @Post('/upload')
  upload(@Form('note') note: string, @File('doc') doc: UploadFile, @File('more', { optional: true, multiple: true }) more: UploadFile[] | undefined) {
    return { note, size: doc.size, more: more?.length ?? 0 };
  }
  @WebSocket('/ws')
  ws() {}
}

type Doc = {
  paths: Record<string, Record<string, { security?: unknown; parameters?: unknown; requestBody?: { content: Record<string, { schema: unknown }> } }>>;
  components: { securitySchemes: unknown; schemas: Record<string, unknown> };
};

describe('security, forms and files in the OpenAPI document', () => {
  const app = createApp().include(Api);
  app.use(openapi({ docsUrl: null, redocUrl: null }));
  const client = new TestClient(app);

  it('lists the schemes, the accumulated scopes per operation, and no Authorization/key parameters', async () => {
    const doc = (await client.get('/openapi.json')).json<Doc>();
    expect(doc.components.securitySchemes).toEqual({
      OAuth2PasswordBearer: { type: 'oauth2', flows: { password: { tokenUrl: '/token', scopes: { me: 'Read yourself', items: 'Read items' } } } },
      APIKeyHeader: { type: 'apiKey', in: 'header', name: 'x-api-key' },
    });
    expect(doc.paths['/items']!.get!.security).toEqual([{ OAuth2PasswordBearer: ['items', 'me'] }, { APIKeyHeader: [] }]);
    expect(doc.paths['/items']!.get!.parameters ?? []).toEqual([]);
    expect(doc.paths['/ws']).toBeUndefined();
  });

  it('documents form and multipart request bodies', async () => {
    const doc = (await client.get('/openapi.json')).json<Doc>();
    expect(Object.keys(doc.paths['/token']!.post!.requestBody!.content)).toEqual(['application/x-www-form-urlencoded']);
    expect(Object.keys(doc.paths['/upload']!.post!.requestBody!.content)).toEqual(['multipart/form-data']);
    expect(doc.components.schemas['Body_upload_upload_post']).toEqual({
      properties: {
        note: { type: 'string', title: 'Note' },
        doc: { type: 'string', format: 'binary', title: 'Doc' },
        more: { type: 'array', items: { type: 'string', format: 'binary' }, title: 'More' },
      },
      type: 'object',
      required: ['note', 'doc'],
      title: 'Body_upload_upload_post',
    });
  });
});
