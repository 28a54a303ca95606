import { join } from 'node:path';
import { replayCurl } from '../../support/curl';
import { expectHttp } from '../../support/expect-http';
import { app } from './main';

// The time a request took changes from run to run: its header is matched by shape.
const timed = { 'x-process-time': /^\d+\.\d{2}$/ };

test('the outermost middleware times every answer: the route, the short-circuit, the 404', async () => {
  const [ok, refused, notFound] = await replayCurl(app, join(__dirname, 'request.sh'));
  expectHttp(ok!, __dirname, 'response.http', timed);
  expectHttp(refused!, __dirname, 'response-401.http', timed);
  expectHttp(notFound!, __dirname, 'response-404.http', timed);
});
