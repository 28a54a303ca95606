import { expectAnswers } from '../../support/expect-answers';
import { exampleJson, readExample } from '../../support/example-files';
import type { TrellisApp } from '@trellis/fastify';
import { buildApp } from './main';
import { exporter, shutdownTracing } from './tracing';

let app: TrellisApp;
beforeAll(async () => {
  app = await buildApp();
});
afterAll(async () => {
  await app.close();
  await shutdownTracing();
});

test('one request: the answer, then the spans the page shows, in the order they ended', async () => {
  exporter.reset();
  await expectAnswers(app, __dirname, 'request.sh', [[200, 'response.json']]);
  // The request-scoped cleanup runs after the response.
  await new Promise((resolve) => setTimeout(resolve, 20));
  const spans = exporter.getFinishedSpans();
  const names = new Map(spans.map((span) => [span.spanContext().spanId, span.name]));
  const shown = spans.map((span) => ({
    name: span.name,
    parent: span.parentSpanContext ? names.get(span.parentSpanContext.spanId) : null,
    attributes: span.attributes,
  }));
  expect(shown).toEqual(exampleJson(__dirname, 'spans.json'));
});

test('install.sh installs exactly the packages tracing.ts imports', () => {
  const installed = readExample(__dirname, 'install.sh').trim().split(/\s+/).slice(2);
  const imported = [...readExample(__dirname, 'tracing.ts').matchAll(/from '([^']+)'/g)].map((m) => m[1]);
  expect(installed.sort()).toEqual(imported.sort());
});
