import 'reflect-metadata';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { Controller, Get } from '@trellis/metadata';
import { createApp, type AppOptions } from '@trellis/fastify';
import { logCapture } from '../support/log-capture';

@Controller()
class Hello {
  @Get('/hello')
  hello() {
    return { message: 'hello' };
  }
}

const INFO = 30;

/** Listens on a free port with `options`, closes, and returns what the logger wrote. */
async function listenAndLog(options: AppOptions, docs = true) {
  const app = createApp(options).include(Hello);
  if (docs) app.addDocsPage({ path: '/docs', title: 'Swagger UI' }).addDocsPage({ path: '/redoc', title: 'ReDoc' });
  const address = await app.listen({ port: 0 });
  await app.close();
  return { address, app };
}

describe('listen() says where it is', () => {
  test('logs the address and every docs page at info, with the URLs as fields', async () => {
    const { stream, records } = logCapture();
    const { address, app } = await listenAndLog({ fastify: { logger: { stream } } });
    expect(address).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(app.docsPages).toEqual([
      { path: '/docs', title: 'Swagger UI' },
      { path: '/redoc', title: 'ReDoc' },
    ]);
    const ours = records().filter((record) => /^(Listening on|Docs:)/.test(record.msg));
    expect(ours.map(({ level, msg, address: at, docs }) => ({ level, msg, at, docs }))).toEqual([
      { level: INFO, msg: `Listening on ${address}`, at: address, docs: undefined },
      { level: INFO, msg: `Docs: ${address}/docs (Swagger UI), ${address}/redoc (ReDoc)`, at: undefined, docs: [`${address}/docs`, `${address}/redoc`] },
    ]);
  });

  test('without docs pages, logs only the address', async () => {
    const { stream, records } = logCapture();
    const { address } = await listenAndLog({ fastify: { logger: { stream } } }, false);
    expect(records().filter((record) => /^(Listening on|Docs:)/.test(record.msg)).map((record) => record.msg)).toEqual([`Listening on ${address}`]);
  });

  test('a logger configured above info silences it', async () => {
    const { stream, records } = logCapture();
    await listenAndLog({ fastify: { logger: { level: 'warn', stream } } });
    expect(records()).toEqual([]);
  });

  test('logStartup: false turns it off, on createApp() or on one listen()', async () => {
    const { stream, records } = logCapture();
    await listenAndLog({ logStartup: false, fastify: { logger: { stream } } });
    const app = createApp({ fastify: { logger: { stream } } }).include(Hello);
    await app.listen({ port: 0, logStartup: false });
    await app.close();
    expect(records().filter((record) => /^(Listening on|Docs:)/.test(record.msg))).toEqual([]);
  });

  test("under Trellis's default logger (warn), the two lines still reach stdout, and nothing else does", async () => {
    // A child process: the default logger writes to the process's own stdout.
    const child = spawn(process.execPath, ['-r', join(__dirname, '../../../../test/reliability/child/register-ts.js'), join(__dirname, '../fixtures/listen-default-logger.ts')], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(0);
    const lines = stdout.split('\n').filter(Boolean).map((line) => JSON.parse(line) as { level: number; msg: string; docs?: string[] });
    // The port is whatever the child got; if the lines are not the two expected, the diff shows them.
    const address = /Listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout)?.[1];
    expect(lines.map((line) => [line.level, line.msg])).toEqual([
      [INFO, `Listening on ${address}`],
      [INFO, `Docs: ${address}/docs (Swagger UI)`],
    ]);
  }, 30_000);
});
