import { join } from 'node:path';
import { replayCurl } from '../../support/curl';
import { expectHttp } from '../../support/expect-http';
import { app } from './main';

test('JSON Lines through the item model, server-sent events, a raw stream', async () => {
  const [items, prices, countdown] = await replayCurl(app, join(__dirname, 'request.sh'));
  expectHttp(items!, __dirname, 'response-items.http');
  expectHttp(prices!, __dirname, 'response-prices.http');
  expectHttp(countdown!, __dirname, 'response-countdown.http');
});
