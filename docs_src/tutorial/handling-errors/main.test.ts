import { join } from 'node:path';
import { replayCurl } from '../../support/curl';
import { expectAnswers } from '../../support/expect-answers';
import { expectHttp } from '../../support/expect-http';
import { app } from './main';

test('an HTTPException answers its status, detail and headers', async () => {
  const [missing] = await replayCurl(app, join(__dirname, 'request.sh'));
  expectHttp(missing!, __dirname, 'response.http');
});

test('exception handlers answer a domain error and replace the default 422; anything else is a bare 500', async () => {
  app.fastify.log.level = 'silent'; // the 500 is logged with its stack; keep the test output clean
  await expectAnswers(app, __dirname, 'request-handlers.sh', [
    [418, 'response-unicorn.json'],
    [422, 'response-validation.json'],
    [500, 'response-500.json'],
  ]);
});
