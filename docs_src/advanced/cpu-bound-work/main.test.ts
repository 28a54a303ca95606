import { scryptSync } from 'node:crypto';
import { TestClient } from '@trellis/fastify';
import { expectAnswers } from '../../support/expect-answers';
import { app } from './main';

afterAll(() => app.close());

test('the hash is computed on a worker thread (hash-worker.js) and is the real scrypt digest', async () => {
  await expectAnswers(app, __dirname, 'request.sh', [[200, 'response.json']]);
  const hashInWorker = require('./hash-worker.js') as (input: { password: string; salt: string }) => string;
  const expected = { hash: scryptSync('correct horse', 'pepper', 32).toString('hex') };
  expect(require('./response.json')).toEqual(expected);
  expect({ hash: hashInWorker({ password: 'correct horse', salt: 'pepper' }) }).toEqual(expected);
});

test('other requests are answered while hashes are computed', async () => {
  const client = new TestClient(app);
  const hashes = Array.from({ length: 4 }, () => client.post('/passwords/hash', { json: { password: 'x' } }));
  const ping = await client.get('/ping');
  expect([ping.status, ping.json()]).toEqual([200, { pong: true }]);
  expect((await Promise.all(hashes)).map((res) => res.status)).toEqual([200, 200, 200, 200]);
});
