import { loadSettings, TestClient } from '@trellis/fastify';
import { join } from 'node:path';
import { readExample } from '../../support/example-files';
import { Settings, getSettings } from './settings';
import { buildApp } from './main';

const envFile = join(__dirname, 'example.env');

test('the .env file, real variables over it, defaults for the rest', () => {
  expect({ ...loadSettings(Settings, { envFile, env: { PORT: '8080' } }) }).toEqual({
    PORT: 8080,
    HOST: '127.0.0.1',
    DATABASE_PATH: 'shop.sqlite',
    LOG_LEVEL: 'info',
    API_KEY: 's3cret',
  });
});

test('every invalid variable in one start-up error', () => {
  expect(() => loadSettings(Settings, { env: { PORT: 'eighty', LOG_LEVEL: 'loud' } })).toThrow(readExample(__dirname, 'error.txt').trimEnd());
});

test('injected as a dependency, replaced in tests with dependencyOverrides', async () => {
  process.env.API_KEY = 'from the environment';
  try {
    const { app, listen } = buildApp();
    expect(listen).toEqual({ host: '127.0.0.1', port: 8000 });
    expect((await new TestClient(app).get('/info')).json()).toEqual({ logLevel: 'warn', cache: false });
    const test = buildApp().app;
    test.dependencyOverrides.set(getSettings, () => Object.assign(new Settings(), { API_KEY: 'test', REDIS_URL: 'redis://test' }));
    expect((await new TestClient(test).get('/info')).json()).toEqual({ logLevel: 'warn', cache: true });
  } finally {
    delete process.env.API_KEY;
  }
});
