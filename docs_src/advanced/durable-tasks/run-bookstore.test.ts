import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/*
 * run-bookstore.sh names real scripts: each `npm start|run <script> --prefix <dir>` exists in
 * that package.json, and both entry points read REDIS_URL through the bookstore's settings
 * class (src/settings.ts, from the environment or .env; examples/bookstore/test/
 * redis-worker.e2e.test.ts runs them against a real Redis).
 */
const root = join(__dirname, '../../..');
const commands = readFileSync(join(__dirname, 'run-bookstore.sh'), 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '' && !line.startsWith('#'));

test('every command of run-bookstore.sh runs a script that exists', () => {
  const scripts = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
  expect(scripts.build).toBeDefined();
  const found = commands.map((line) => {
    const match = /^(?:REDIS_URL=redis:\/\/127\.0\.0\.1:6379 )?npm (start|run build|run worker)(?: --prefix (\S+))?$/.exec(line);
    expect(match).not.toBeNull();
    const [, command, prefix] = match!;
    const manifest = prefix ? join(root, prefix, 'package.json') : join(root, 'package.json');
    const script = command === 'start' ? 'start' : command!.replace('run ', '');
    return [prefix ?? '.', script, (JSON.parse(readFileSync(manifest, 'utf8')) as { scripts: Record<string, string> }).scripts[script]];
  });
  expect(found).toEqual([
    ['.', 'build', 'tsc -b tsconfig.build.json'],
    ['examples/bookstore', 'start', 'node dist/main.js'],
    ['examples/bookstore', 'worker', 'node dist/worker.js'],
    ['examples/bookstore', 'start', 'node dist/main.js'],
  ]);
  for (const entry of ['main.ts', 'worker.ts']) expect(readFileSync(join(root, 'examples/bookstore/src', entry), 'utf8')).toContain('settings.REDIS_URL');
  expect(readFileSync(join(root, 'examples/bookstore/src/settings.ts'), 'utf8')).toContain(' REDIS_URL?: string;');
});
