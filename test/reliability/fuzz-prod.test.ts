import 'reflect-metadata';
import fc from 'fast-check';
import { Controller, Get, TrellisError } from '@trellis/metadata';
import { createApp, loadSettings, type TrellisApp } from '@trellis/fastify';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { shapeProblem, within } from './support/fastapi-shape';
import { hostileKey, hostileString, numericText } from './support/hostile';

/*
 * The production surfaces (issue 18, attacked for issue 21 point 5): settings read from a
 * hostile environment, rate-limit keys from hostile X-Forwarded-For values (trustProxy),
 * trusted hosts and the HTTPS redirect with hostile Host headers. Requests answer 2xx/3xx/4xx
 * in FastAPI's shape and log nothing; settings either load or fail with
 * TRELLIS_SETTINGS_INVALID, never another error, and never quote a value.
 */

const LONG = process.env.TRELLIS_LONG === '1';
const RUNS = LONG ? 4000 : 60;
if (LONG) jest.setTimeout(600_000);

class Settings {
  @IsInt() @Min(0) @Max(65535) PORT = 8000;
  @IsString() HOST = '127.0.0.1';
  @IsIn(['error', 'warn', 'info', 'debug']) LOG_LEVEL = 'warn';
  @IsOptional() @Matches(/^rediss?:\/\//) REDIS_URL?: string;
  @IsBoolean() DEBUG = false;
  @IsString() API_KEY!: string;
}

const NAMES = ['PORT', 'HOST', 'LOG_LEVEL', 'REDIS_URL', 'DEBUG', 'API_KEY', 'SHOP_PORT', 'SHOP_API_KEY', 'port', 'api_key', '__proto__', 'constructor', 'toString'];

test('settings from a hostile environment: loaded with their types, or TRELLIS_SETTINGS_INVALID without the values', () => {
  let loaded = 0;
  let refused = 0;
  fc.assert(
    fc.property(
      fc.array(fc.tuple(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...NAMES) }, { weight: 1, arbitrary: hostileKey }), fc.oneof(numericText, hostileString, fc.constantFrom('redis://x', 'yes', 'off', 'debug', 'DEBUG', ''))), { maxLength: 10 }),
      fc.constantFrom(undefined, 'SHOP_'),
      (pairs, prefix) => {
        const env: Record<string, string> = {};
        for (const [k, v] of pairs) Object.defineProperty(env, k, { value: v, enumerable: true, writable: true, configurable: true });
        try {
          const settings = loadSettings(Settings, { env, prefix });
          loaded++;
          expect(settings).toBeInstanceOf(Settings);
          expect([typeof settings.PORT, Number.isInteger(settings.PORT), typeof settings.DEBUG, typeof settings.API_KEY]).toEqual(['number', true, 'boolean', 'string']);
        } catch (error) {
          refused++;
          expect(error).toBeInstanceOf(TrellisError);
          expect((error as TrellisError).code).toBe('TRELLIS_SETTINGS_INVALID');
          // Settings hold secrets: a long random value never appears in the message.
          for (const [, v] of pairs) if (v.length >= 16 && !/^[\d.e+-]+$/i.test(v)) expect((error as Error).message).not.toContain(v);
        }
      },
    ),
    { numRuns: RUNS * 2 },
  );
  expect(loaded).toBeGreaterThan(0);
  expect(refused).toBeGreaterThan(0);
  console.log(`fuzz-prod: ${loaded + refused} environments (${loaded} loaded, ${refused} refused)`);
});

@Controller()
class Shop {
  @Get('/books')
  books() {
    return [];
  }

  @Get('/login', { rateLimit: { max: 2, timeWindow: '1 minute' } })
  login() {
    return { token: 'abc' };
  }

  @Get('/livez', { rateLimit: false })
  live() {
    return { status: 'ok' };
  }
}

const logs: string[] = [];
const apps: TrellisApp[] = [];
const logger = { level: 'error', stream: { write: (line: string) => void logs.push(line) } };
let requests = 0;

afterAll(async () => {
  await Promise.all(apps.map((app) => app.close()));
  console.log(`fuzz-prod: ${requests} requests`);
});

const headerText = fc.oneof(numericText, hostileString, fc.constantFrom('1.2.3.4', '::1', '1.2.3.4, 5.6.7.8', 'unknown', '[::1]:80', '999.999.999.999', '__proto__', 'constructor', '', ' , ,'))
  .map((v) => v.replace(/[\r\n\u0000]/g, '').replace(/[^\u0000-\u00ff]/g, '?'));
const hostText = fc.oneof(headerText, fc.constantFrom('example.com', 'api.example.com', 'EXAMPLE.COM', 'example.com:8080', 'evil.com', 'example.com.evil.com', '.example.com', 'a..example.com', '[::1]', 'example.com:', ':80', 'example.com:99999'));

async function check(app: TrellisApp, headers: Record<string, string>, url: string): Promise<number> {
  requests++;
  const res = await within(app.fastify.inject({ method: 'GET', url, headers }), 5000, `${url} ${JSON.stringify(headers)}`);
  const logged = logs.splice(0).join('\n');
  const redirect = res.statusCode === 307 && typeof res.headers.location === 'string';
  const problem = redirect ? undefined : shapeProblem(res);
  if (problem || logged) throw new Error(`${problem ?? 'logged'}: ${url} ${JSON.stringify(headers)} -> ${res.statusCode} ${res.payload.slice(0, 300)}\n${logged.slice(0, 1000)}`);
  return res.statusCode;
}

test('rate-limit keys from hostile X-Forwarded-For values (trustProxy), with trusted hosts', async () => {
  const app = createApp({ rateLimit: { max: 5, timeWindow: '1 minute' }, trustProxy: true, trustedHosts: ['example.com', '*.example.com'], fastify: { logger } }).include(Shop);
  apps.push(app);
  await app.ready();
  const seen = new Set<number>();
  await fc.assert(
    fc.asyncProperty(
      fc.record({ forwarded: fc.option(fc.oneof(headerText, fc.array(headerText, { minLength: 2, maxLength: 4 }).map((v) => v.join(', ')))), host: fc.option(hostText), url: fc.constantFrom('/books', '/login', '/livez', '/nope') }),
      async ({ forwarded, host, url }) => {
        const headers: Record<string, string> = {};
        if (forwarded !== null) headers['x-forwarded-for'] = forwarded;
        if (host !== null) headers.host = host;
        seen.add(await check(app, headers, url));
      },
    ),
    { numRuns: RUNS * 2 },
  );
  // Some hosts were refused, some requests served; and the limit still counts a fresh key.
  expect([seen.has(200), seen.has(400)]).toEqual([true, true]);
  const statuses: number[] = [];
  for (let i = 0; i < 6; i++) statuses.push(await check(app, { host: 'example.com', 'x-forwarded-for': '203.0.113.77' }, '/books'));
  expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
});

test('the HTTPS redirect with hostile Host and X-Forwarded-Proto/-Host values', async () => {
  const app = createApp({ httpsRedirect: true, trustProxy: true, fastify: { logger } }).include(Shop);
  apps.push(app);
  await app.ready();
  await fc.assert(
    fc.asyncProperty(
      fc.record({ host: fc.option(hostText), proto: fc.option(fc.oneof(headerText, fc.constantFrom('https', 'http', 'HTTPS', 'https, http', 'ws'))), fhost: fc.option(hostText) }),
      async ({ host, proto, fhost }) => {
        const headers: Record<string, string> = {};
        if (host !== null) headers.host = host;
        if (proto !== null) headers['x-forwarded-proto'] = proto;
        if (fhost !== null) headers['x-forwarded-host'] = fhost;
        await check(app, headers, '/books?x=1');
      },
    ),
    { numRuns: RUNS * 2 },
  );
});
