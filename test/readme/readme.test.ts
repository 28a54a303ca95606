import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TestClient } from '@trellis/fastify';
import { app } from './first-controller';

/*
 * The README's first example is this folder's first-controller.ts, verbatim, and it
 * answers exactly what the README says it answers.
 */
const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');
const section = readme.slice(readme.indexOf('## Your first controller'), readme.indexOf('## Routing'));
const blocks = [...section.matchAll(/```(\w+)\n([\s\S]*?)```/g)].map((m) => ({ lang: m[1], code: m[2] }));
const client = new TestClient(app);

test('the README shows first-controller.ts verbatim', () => {
  expect(blocks[0]!.code).toBe(readFileSync(join(__dirname, 'first-controller.ts'), 'utf8'));
});

test('the 422 the README shows is the one the app answers', async () => {
  const documented = JSON.parse(blocks.find((b) => b.lang === 'json')!.code) as unknown;
  const res = await client.post('/v1/users', { json: { name: '', email: 'x', age: -1 } });
  expect(res.status).toBe(422);
  expect(res.json()).toEqual(documented);
});

test('the TestClient example passes, and the other routes answer', async () => {
  const res = await client.post('/v1/users', { json: { name: 'Ada', email: 'ada@example.com', age: 36 } });
  expect(res.status).toBe(201);
  expect(res.json()).toEqual({ id: 1, name: 'Ada', email: 'ada@example.com', age: 36 });
  expect((await client.get('/v1/users/1')).json()).toEqual({ name: 'Ada', email: 'ada@example.com', age: 36 });
  const missing = await client.get('/v1/users/9');
  expect([missing.status, missing.json()]).toEqual([404, { detail: 'User not found' }]);
  expect((await client.get('/v1/users?limit=5')).json()).toEqual([{ name: 'Ada', email: 'ada@example.com', age: 36 }]);
});

describe('the dependencies example', () => {
  const section = readme.slice(readme.indexOf('## Dependencies'), readme.indexOf('## Responses'));
  const code = /```ts\n([\s\S]*?)```/.exec(section)![1];

  test('is dependencies-example.ts verbatim', () => {
    expect(code).toBe(readFileSync(join(__dirname, 'dependencies-example.ts'), 'utf8'));
  });

  test('shares one session between two dependencies and releases it after the response', async () => {
    const { app: notesApp, log } = await import('./dependencies-example');
    const notes = new TestClient(notesApp);
    const res = await notes.get('/notes', { headers: { 'x-token': 'secret' } });
    expect(res.json()).toEqual({ user: 'alice', writable: true });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(log).toEqual(['open 1', 'commit 1', 'release 1']);
    const denied = await notes.get('/notes', { headers: { 'x-token': 'nope' } });
    expect([denied.status, denied.headers['www-authenticate'], denied.json()]).toEqual([401, 'Bearer', { detail: 'Not authenticated' }]);
    expect(log).toEqual(['open 1', 'commit 1', 'release 1', 'open 2', 'rollback 2', 'release 2']);
  });
});
