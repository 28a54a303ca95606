import { TestClient } from '@trellis/fastify';
import type { OpenAPIDocument } from '@trellis/swagger';
import { expectAnswers } from '../../support/expect-answers';
import { exampleJson } from '../../support/example-files';
import { validateOpenAPI } from '../../../test/support/validate-openapi';
import { app } from './main';

test('the tag picks the variant; the response writes its fields', () => expectAnswers(app, __dirname, 'request.sh', [[200, 'response.json']]));

test("a variant's errors are located through the tag; a bad or missing tag is Pydantic's error", () =>
  expectAnswers(app, __dirname, 'request-invalid.sh', [
    [422, 'response-variant-error.json'],
    [422, 'response-tag-invalid.json'],
    [422, 'response-tag-not-found.json'],
  ]));

test('a whole body and a response model can be the union', () => expectAnswers(app, __dirname, 'request-pets.sh', [[200, 'response-pets.json']]));

test('a plain union of scalars, left to right: an id or a slug', () =>
  expectAnswers(app, __dirname, 'request-scalars.sh', [
    [200, 'response-scalars-id.json'],
    [200, 'response-scalars-slug.json'],
  ]));

test('the OpenAPI document has oneOf with the discriminator mapping, and anyOf for the scalars', async () => {
  const doc = (await new TestClient(app).get('/openapi.json')).json<OpenAPIDocument>();
  expect(validateOpenAPI(doc)).toEqual({ valid: true, version: '3.1', errors: null });
  expect(doc.components!.schemas!.Owner).toEqual(exampleJson(__dirname, 'openapi-owner.json'));
  expect(doc.paths['/items/{ref}']!.get!.parameters).toEqual([
    { name: 'ref', in: 'path', required: true, schema: { anyOf: [{ type: 'integer', minimum: -9007199254740991, maximum: 9007199254740991 }, { type: 'string' }], title: 'Ref' } },
  ]);
});
