import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { shellWords } from '../../support/curl';
import { expectAnswers } from '../../support/expect-answers';
import { readExample } from '../../support/example-files';
import { app } from './main';

test('GET / answers {"message":"Hello World"}', () => expectAnswers(app, __dirname, 'request.sh', [[200, 'response.json']]));

test('the interactive docs are served at /docs', async () => {
  const { TestClient } = await import('@trellis/fastify');
  const docs = await new TestClient(app).get('/docs');
  expect([docs.status, docs.headers['content-type']]).toEqual([200, 'text/html; charset=utf-8']);
});

describe('run.sh', () => {
  let child: ChildProcess | undefined;
  // npx runs ts-node in a child of its own: stop the whole process group.
  afterEach(() => {
    if (child?.pid && child.exitCode === null) process.kill(-child.pid, 'SIGKILL');
  });

  /** A log line without what changes from run to run (time, pid, host, port). */
  const stable = (line: string, port: string) => {
    const { time, pid, hostname, ...rest } = JSON.parse(line.replaceAll(`:${port}`, ':8000')) as Record<string, unknown>;
    expect([typeof time, typeof pid, typeof hostname]).toEqual(['number', 'number', 'string']);
    return rest;
  };

  test('starts the server, which logs output.txt and answers on a real socket', async () => {
    const [command, ...args] = shellWords(readExample(__dirname, 'run.sh').trim());
    // PORT=0: any free port (the shared machine may already use 8000); the log says which.
    child = spawn(command!, args, { cwd: __dirname, env: { ...process.env, PORT: '0' }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let stdout = '';
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const lines = await new Promise<string[]>((resolve, reject) => {
      child!.stdout!.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        const complete = stdout.split('\n').filter(Boolean);
        if (complete.length >= 2 && stdout.endsWith('\n')) resolve(complete);
      });
      child!.on('exit', (code) => reject(new Error(`run.sh exited with ${code}: ${stderr}`)));
    });
    const port = /127\.0\.0\.1:(\d+)/.exec(lines[0]!)![1]!;
    const expected = readExample(__dirname, 'output.txt').trim().split('\n');
    expect(lines.map((line) => stable(line, port))).toEqual(expected.map((line) => stable(line, '8000')));
    const res = await fetch(`http://127.0.0.1:${port}/`);
    expect([res.status, await res.json()]).toEqual([200, JSON.parse(readExample(__dirname, 'response.json'))]);
  }, 60_000);
});

describe('install.sh', () => {
  const root = join(__dirname, '../../..');
  const manifest = (path: string) => JSON.parse(readFileSync(join(root, path, 'package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>;
  // What the workspace itself depends on: every package install.sh names must be one of these.
  const known = new Set<string>();
  for (const path of ['.', 'packages/metadata', 'packages/fastify', 'packages/swagger']) {
    const { name, dependencies, devDependencies, peerDependencies } = manifest(path) as { name?: string } & Record<string, Record<string, string>>;
    if (typeof name === 'string') known.add(name);
    for (const deps of [dependencies, devDependencies, peerDependencies]) for (const dep of Object.keys(deps ?? {})) known.add(dep);
  }

  test('names only packages that exist, and the ones main.ts imports', () => {
    const installed = readExample(__dirname, 'install.sh')
      .split('\n')
      .map(shellWords)
      .filter(([npm, verb]) => npm === 'npm' && verb === 'install')
      .flatMap((words) => words.slice(2).filter((word) => !word.startsWith('-')));
    for (const name of installed) expect([name, known.has(name)]).toEqual([name, true]);
    const imported = [...readExample(__dirname, 'main.ts').matchAll(/from '([^']+)'|import '([^']+)'/g)].map((m) => m[1] ?? m[2]);
    for (const name of imported) expect(installed).toContain(name);
    expect(installed).toEqual(expect.arrayContaining(['typescript', 'ts-node', 'class-validator', 'class-transformer']));
  });

  test('tsconfig.json turns on the decorator metadata Trellis reads', () => {
    const { compilerOptions } = JSON.parse(readExample(__dirname, 'tsconfig.json')) as { compilerOptions: Record<string, unknown> };
    expect(compilerOptions).toMatchObject({ experimentalDecorators: true, emitDecoratorMetadata: true, module: 'commonjs', strict: true });
  });
});
