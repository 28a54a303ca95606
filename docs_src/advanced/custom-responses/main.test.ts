import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { replayCurl } from '../../support/curl';
import { expectAnswers } from '../../support/expect-answers';
import { expectHttp } from '../../support/expect-http';
import { app } from './main';

test('each response class sends exactly what it was built with', async () => {
  const [page, health, old, teapot, report, home] = await replayCurl(app, join(__dirname, 'request.sh'));
  expectHttp(page!, __dirname, 'response-page.http');
  expectHttp(health!, __dirname, 'response-health.http');
  expectHttp(old!, __dirname, 'response-old.http');
  expect(old!.headers['content-type']).toBeUndefined(); // an empty body has no content type, as in Starlette
  expectHttp(teapot!, __dirname, 'response-teapot.http');
  // The file's modification time depends on the checkout: matched by shape.
  expectHttp(report!, __dirname, 'response-report.http', { 'last-modified': /^\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/ });
  expect(report!.text).toBe(readFileSync(join(__dirname, 'report.txt'), 'utf8'));
  expectHttp(home!, __dirname, 'response-home.http');
});

test('without a model, values go through jsonableEncoder', () => expectAnswers(app, __dirname, 'request-encoded.sh', [[200, 'response-encoded.json']]));
