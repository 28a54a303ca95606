import { TestClient } from '@trellis/fastify';
import type { OpenAPIDocument } from '@trellis/swagger';
import { expectAnswers } from '../../support/expect-answers';
import { validateOpenAPI } from '../../../test/support/validate-openapi';
import { app } from './models';

test('a header model reads each field from its hyphenated header', () =>
  expectAnswers(app, __dirname, 'request-headers.sh', [[200, 'response-headers.json']]));

test('a cookie model with extra: forbid refuses any other cookie', () =>
  expectAnswers(app, __dirname, 'request-cookies.sh', [[422, 'response-cookies-extra.json']]));

test('the OpenAPI document lists each field as its own header or cookie parameter', async () => {
  const doc = (await new TestClient(app).get('/openapi.json')).json<OpenAPIDocument>();
  expect(validateOpenAPI(doc)).toEqual({ valid: true, version: '3.1', errors: null });
  expect(doc.paths['/items/headers']!.get!.parameters!.map((p) => [p.in, p.name, p.required])).toEqual([
    ['header', 'host', true],
    ['header', 'save-data', true],
    ['header', 'if-modified-since', false],
    ['header', 'x-tag', false],
  ]);
  expect(doc.paths['/items/cookies']!.get!.parameters!.map((p) => [p.in, p.name, p.required])).toEqual([
    ['cookie', 'session_id', true],
    ['cookie', 'fatebook_tracker', false],
  ]);
});
