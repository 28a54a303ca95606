import 'reflect-metadata';
import { loadSettings } from '@trellis/fastify';
import { resolve } from 'node:path';
import { Settings } from '../src/settings';

test('the defaults: 127.0.0.1:8000, the bundled database path, warn, no Redis', () => {
  expect({ ...loadSettings(Settings, { env: {} }) }).toEqual({
    PORT: 8000,
    HOST: '127.0.0.1',
    BOOKSTORE_DB: resolve(__dirname, '..', 'bookstore.sqlite'),
    LOG_LEVEL: 'warn',
    CONCURRENCY: 10,
  });
});

test('from the environment, converted; an empty REDIS_URL counts as unset', () => {
  const settings = loadSettings(Settings, { env: { PORT: '0', HOST: '0.0.0.0', LOG_LEVEL: 'info', REDIS_URL: '', CONCURRENCY: '4' } });
  expect([settings.PORT, settings.HOST, settings.LOG_LEVEL, settings.REDIS_URL || undefined, settings.CONCURRENCY]).toEqual([0, '0.0.0.0', 'info', undefined, 4]);
  expect(loadSettings(Settings, { env: { REDIS_URL: 'redis://127.0.0.1:6379' } }).REDIS_URL).toBe('redis://127.0.0.1:6379');
});
