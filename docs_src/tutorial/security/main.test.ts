import { join } from 'node:path';
import { TestClient } from '@trellis/fastify';
import { replayCurl } from '../../support/curl';
import { exampleJson } from '../../support/example-files';
import { expectAnswers } from '../../support/expect-answers';
import { expectHttp } from '../../support/expect-http';
import { app } from './main';

test('the token endpoint reads the OAuth2 password form', () => expectAnswers(app, __dirname, 'request-token.sh', [[200, 'response-token.json']]));

test('a bearer token gets the user; none gets a 401 with its challenge', async () => {
  const [me, anonymous] = await replayCurl(app, join(__dirname, 'request-me.sh'));
  expect([me!.status, me!.json()]).toEqual([200, exampleJson(__dirname, 'response-me.json')]);
  expectHttp(anonymous!, __dirname, 'response-unauthenticated.http');
});

test('a wrong password is a 400; an unknown token a 401', async () => {
  const client = new TestClient(app);
  const wrong = await client.post('/token', { body: 'username=ada&password=nope', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  expect([wrong.status, wrong.json()]).toEqual([400, { detail: 'Incorrect username or password' }]);
  const unknown = await client.get('/users/me', { headers: { authorization: 'Bearer grace' } });
  expect([unknown.status, unknown.headers['www-authenticate'], unknown.json()]).toEqual([401, 'Bearer', { detail: 'Invalid authentication credentials' }]);
});

test('the OpenAPI document declares the scheme, so /docs shows "Authorize"', async () => {
  const document = (await new TestClient(app).get('/openapi.json')).json<{ components: unknown; paths: Record<string, Record<string, unknown>> }>();
  expect(document.components).toMatchObject({ securitySchemes: { OAuth2PasswordBearer: { type: 'oauth2', flows: { password: { tokenUrl: '/token', scopes: {} } } } } });
  expect(document.paths['/users/me']!.get).toMatchObject({ security: [{ OAuth2PasswordBearer: [] }] });
});
