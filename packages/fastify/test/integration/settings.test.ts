import 'reflect-metadata';
import { Controller, Depends, Get } from '@trellis/metadata';
import { createApp, defineSettings, loadSettings, StartupError, TestClient } from '@trellis/fastify';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUrl, Max, Min } from 'class-validator';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

class Settings {
  @IsInt() @Min(1) @Max(65535) PORT = 8000;
  @IsString() HOST = '127.0.0.1';
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug']) LOG_LEVEL = 'warn';
  @IsBoolean() DEBUG = false;
  @IsOptional() @IsUrl({ require_tld: false, protocols: ['redis'] }) REDIS_URL?: string;
  @IsString() SECRET_KEY!: string;
}

const dir = mkdtempSync(join(tmpdir(), 'trellis-settings-'));
const envFile = join(dir, '.env');
writeFileSync(envFile, ['# comments and quotes as dotenv reads them', 'PORT=9000', 'SECRET_KEY="from the file"', "HOST='0.0.0.0'", ''].join('\n'));

test('defaults, converted environment strings, and the .env file under real variables', () => {
  expect({ ...loadSettings(Settings, { env: { SECRET_KEY: 's' } }) }).toEqual({ PORT: 8000, HOST: '127.0.0.1', LOG_LEVEL: 'warn', DEBUG: false, SECRET_KEY: 's' });
  const settings = loadSettings(Settings, { envFile, env: { PORT: '8080', DEBUG: 'yes', REDIS_URL: 'redis://localhost:6379' } });
  expect({ ...settings }).toEqual({ PORT: 8080, HOST: '0.0.0.0', LOG_LEVEL: 'warn', DEBUG: true, REDIS_URL: 'redis://localhost:6379', SECRET_KEY: 'from the file' });
  expect(settings).toBeInstanceOf(Settings);
  expect(Object.isFrozen(settings)).toBe(true);
});

test('a prefix; a missing .env file is ignored', () => {
  const settings = loadSettings(Settings, { prefix: 'SHOP_', envFile: join(dir, 'absent.env'), env: { SHOP_PORT: '1234', PORT: '1', SHOP_SECRET_KEY: 'k' } });
  expect([settings.PORT, settings.SECRET_KEY]).toEqual([1234, 'k']);
});

test('every invalid variable in one start-up error, without their values', () => {
  let error: unknown;
  try {
    loadSettings(Settings, { prefix: 'SHOP_', env: { SHOP_PORT: 'eighty', SHOP_LOG_LEVEL: 'loud', SHOP_DEBUG: 'maybe', SHOP_REDIS_URL: 'http://x' } });
  } catch (caught) {
    error = caught;
  }
  expect(error).toBeInstanceOf(StartupError);
  expect((error as StartupError).code).toBe('TRELLIS_SETTINGS_INVALID');
  expect((error as Error).message).toBe(
    [
      'Settings: 5 invalid setting(s) in the environment:',
      '  SHOP_PORT: Input should be a valid integer, unable to parse string as an integer',
      "  SHOP_LOG_LEVEL: Input should be 'fatal', 'error', 'warn', 'info' or 'debug'",
      '  SHOP_DEBUG: Input should be a valid boolean, unable to interpret input',
      '  SHOP_REDIS_URL: REDIS_URL must be a URL address',
      '  SHOP_SECRET_KEY: Field required [TRELLIS_SETTINGS_INVALID]',
    ].join('\n'),
  );
});

describe('as an app-scoped dependency', () => {
  let loads = 0;
  // Counts how often the environment is read: once per load.
  const env = new Proxy({ SECRET_KEY: 'real', PORT: '8001' } as Record<string, string>, {
    get: (target, name: string) => (name === 'SECRET_KEY' && loads++, target[name]),
  });
  const getSettings = defineSettings(Settings, { env });

  @Controller('')
  class Info {
    @Get('/info') info(@Depends(getSettings) settings: Settings) {
      return { port: settings.PORT, secret: settings.SECRET_KEY };
    }
  }

  test('loaded once, shared by every request and direct calls', async () => {
    const settings = getSettings();
    const client = new TestClient(createApp().include(Info));
    expect((await client.get('/info')).json()).toEqual({ port: 8001, secret: 'real' });
    expect((await client.get('/info')).json()).toEqual({ port: 8001, secret: 'real' });
    expect(getSettings()).toBe(settings);
    expect(loads).toBe(1);
  });

  test('replaced in tests with dependencyOverrides', async () => {
    const app = createApp().include(Info);
    app.dependencyOverrides.set(getSettings, () => Object.assign(new Settings(), { SECRET_KEY: 'test', PORT: 1 }));
    expect((await new TestClient(app).get('/info')).json()).toEqual({ port: 1, secret: 'test' });
  });
});
