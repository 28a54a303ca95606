import { join } from 'node:path';
import { replayCurl } from '../../support/curl';
import { expectHttp } from '../../support/expect-http';
import { app } from './main';

test('201 on create; 204 sends no body', async () => {
  const [created, deleted] = await replayCurl(app, join(__dirname, 'request.sh'));
  expectHttp(created!, __dirname, 'response-create.http');
  expectHttp(deleted!, __dirname, 'response-delete.http');
  expect([deleted!.text, deleted!.headers['content-type']]).toEqual(['', undefined]);
});

test('an injected Response sets headers and cookies, or the status', async () => {
  const [found, missing] = await replayCurl(app, join(__dirname, 'request-response.sh'));
  expectHttp(found!, __dirname, 'response-read.http');
  expectHttp(missing!, __dirname, 'response-missing.http');
});
