import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { TestClient } from '@trellis/fastify';
import { shellWords } from '../../support/curl';
import { expectAnswers } from '../../support/expect-answers';
import { buildApp } from './app';

const CLI = join(__dirname, '../../../packages/cli/dist/bin.js');

test('every trellis command on the page is one the CLI accepts, with those options', async () => {
  const lines = readFileSync(join(__dirname, 'commands.sh'), 'utf8').split('\n');
  const commands = lines.map((line) => shellWords(line.replace(/#.*$/, '').trim())).filter((words) => words[0] === 'npx' && words[1] === 'trellis');
  expect(commands).toHaveLength(3);
  for (const [, , ...args] of commands) {
    // The CLI parses options strictly before it looks at --help: an unknown option fails here.
    const { stdout } = await promisify(execFile)(process.execPath, [CLI, ...args, '--help']);
    expect(stdout).toMatch(new RegExp(`^Usage: trellis ${args[0]} `));
  }
});

test('the balancer sees ready, then 503 as soon as a worker starts closing, while requests still succeed', async () => {
  const app = buildApp();
  await expectAnswers(app, __dirname, 'request.sh', [[200, 'response-ready.json']]);
  jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
  const closed = app.close();
  try {
    await expectAnswers(app, __dirname, 'request.sh', [[503, 'response-closing.json']]);
    const books = await new TestClient(app).get('/books');
    expect([books.status, books.json()]).toEqual([200, [{ id: 1, title: 'Dune' }]]);
    jest.advanceTimersByTime(5_000);
  } finally {
    jest.useRealTimers();
  }
  await closed;
});
