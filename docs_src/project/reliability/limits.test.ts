import { StartupError, TestClient, createApp } from '@trellis/fastify';
import { buildApp } from './limits';

test('the limits set in createApp() hold: 100 items pass, 101 are too_long', async () => {
  const client = new TestClient(buildApp());
  const ids = (count: number) => Array.from({ length: count }, (_, i) => `id${i}`);
  const ok = await client.post('/batches', { json: { ids: ids(100) } });
  expect([ok.status, ok.json()]).toEqual([200, { count: 100 }]);
  const over = await client.post('/batches', { json: { ids: ids(101) } });
  expect(over.status).toBe(422);
  expect(over.json<{ detail: unknown[] }>().detail).toEqual([
    {
      type: 'too_long',
      loc: ['body', 'ids'],
      msg: 'List should have at most 100 items after validation, not 101',
      input: ids(101),
      ctx: { field_type: 'List', max_length: 100, actual_length: 101 },
    },
  ]);
});

test('a limit that is not a positive integer is refused at createApp()', () => {
  expect(() => createApp({ limits: { maxErrors: 0 } })).toThrow(
    new StartupError('TRELLIS_INVALID_LIMIT', 'createApp() option limits.maxErrors must be an integer of at least 1, got 0'),
  );
});
