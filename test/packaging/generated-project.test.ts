import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { command, Server, useTarballs } from './consumer-project';
import { packPackages, ROOT, type PackedPackage } from './packed-files';

/*
 * The proof that Trellis works in a user's own project: every package packed, a project made
 * by create-trellis (run from its tarball, as `npm create` would) in a folder outside the
 * workspace, the tarballs installed (everything else from the registry), type-checked with
 * `strict` and without `skipLibCheck`, its generated tests run, and the built app served by
 * `trellis start` (and the sources by `trellis dev`) over real sockets. Variants: CommonJS
 * (Jest + @swc/jest), ESM (Jest), a NestJS-era pin of class-validator 0.14.1 and
 * reflect-metadata 0.1.14 (vitest + unplugin-swc), ESM with node:test, CommonJS with ts-jest.
 * Installs share the user's npm cache. Install times and sizes go to test-output/.
 */
jest.setTimeout(600_000);

const INVALID_ITEM_422 = {
  detail: [
    { type: 'string_too_short', loc: ['body', 'name'], msg: 'String should have at least 1 character', input: '', ctx: { min_length: 1 } },
    { type: 'greater_than_equal', loc: ['body', 'priceCents'], msg: 'Input should be greater than or equal to 0', input: -1, ctx: { ge: 0 } },
    { type: 'string_type', loc: ['body', 'description'], msg: 'Input should be a valid string', input: 5 },
  ],
};

let work: string;
let packed: PackedPackage[];
const measured: Record<string, { installSeconds: number; nodeModulesMB: number }> = {};

async function measureInstall(name: string, project: string, args: readonly string[]): Promise<string> {
  const started = Date.now();
  const output = await expectOk(command(project, 'npm', [...args, '--no-audit', '--no-fund', '--prefer-offline']));
  const installSeconds = (Date.now() - started) / 1000;
  const du = await expectOk(command(project, 'du', ['-sk', 'node_modules']));
  measured[name] = { installSeconds, nodeModulesMB: Math.round(Number(du.split('\t')[0]) / 1024) };
  return output;
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'trellis-proof-'));
  mkdirSync(join(work, 'tarballs'));
  packed = packPackages(join(work, 'tarballs'));
}, 300_000);

afterAll(() => {
  mkdirSync(join(ROOT, 'test-output'), { recursive: true });
  writeFileSync(join(ROOT, 'test-output', 'generated-project.json'), `${JSON.stringify(measured, null, 2)}\n`);
  if (work) rmSync(work, { recursive: true, force: true });
});

const tarball = (name: string) => packed.find((pkg) => pkg.name === name)!.tarball;
const bin = (project: string, name: string) => join(project, 'node_modules', '.bin', name);

async function expectOk(result: Promise<{ code: number; output: string }>): Promise<string> {
  const { code, output } = await result;
  if (code !== 0) throw new Error(`exit ${code}:\n${output}`);
  return output;
}

/** `npm create trellis@latest <name> -- <flags>`, with create-trellis from its tarball, then the install. */
async function createProject(name: string, flags: readonly string[], pins: Readonly<Record<string, string>> = {}): Promise<string> {
  const output = await expectOk(command(work, 'npm', ['exec', '--yes', `--package=${tarball('create-trellis')}`, '--', 'create-trellis', name, ...flags]));
  expect(output).toContain(`Created a Trellis project in ${join(work, name)}`);
  const project = join(work, name);
  useTarballs(project, packed, pins);
  expectQuietInstall(await measureInstall(name, project, ['install']));
  return project;
}

async function typecheckAndTest(project: string): Promise<string> {
  const tsconfig = JSON.parse(readFileSync(join(project, 'tsconfig.json'), 'utf8')) as { compilerOptions: Record<string, unknown> };
  expect(tsconfig.compilerOptions).toMatchObject({ strict: true, experimentalDecorators: true, emitDecoratorMetadata: true });
  expect(tsconfig.compilerOptions.skipLibCheck).toBeUndefined(); // TypeScript's default: false
  await expectOk(command(project, bin(project, 'tsc'), ['--noEmit']));
  return expectOk(command(project, 'npm', ['test']));
}

/** The install asked nothing of the user: no install-script warning from npm. */
function expectQuietInstall(output: string): void {
  expect(output).not.toContain('install-scripts');
}

async function fetchJson(url: string, init?: RequestInit): Promise<{ status: number; type: string | null; body: unknown }> {
  const res = await fetch(url, init);
  return { status: res.status, type: res.headers.get('content-type'), body: await res.json() };
}

const postItem = (address: string, item: unknown) =>
  fetchJson(`${address}/items`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(item) });

/** The built app under `trellis start`: docs, document and validation over a real socket. */
async function checkStart(project: string, args: readonly string[] = []): Promise<Server> {
  await expectOk(command(project, 'npm', ['run', 'build']));
  const server = new Server(project, bin(project, 'trellis'), ['start', '--port', '0', ...args]);
  const address = await server.address();
  await server.waitFor(/OpenAPI: +http:\S+\/openapi\.json/);
  expect(server.text).toContain(`API docs: ${address}/docs (Swagger UI), ${address}/redoc (ReDoc)`);

  const docs = await fetch(`${address}/docs`);
  expect([docs.status, docs.headers.get('content-type')]).toEqual([200, 'text/html; charset=utf-8']);
  expect(await docs.text()).toContain('<title>My API - Swagger UI</title>');

  const document = await fetchJson(`${address}/openapi.json`);
  expect([document.status, document.type]).toEqual([200, 'application/json; charset=utf-8']);
  expect(document.body).toMatchObject({
    openapi: '3.1.0',
    info: { title: 'My API', version: '0.1.0' },
    paths: {
      '/items': { post: { operationId: 'create_items_post', tags: ['items'], summary: 'Create an item' }, get: { summary: 'List items' } },
      '/items/{id}': { get: { summary: 'Read one item' } },
    },
    components: {
      schemas: {
        ItemIn: {
          type: 'object',
          required: ['name', 'priceCents'],
          properties: {
            name: { type: 'string', minLength: 1, maxLength: 100, title: 'Name' },
            priceCents: { type: 'integer', minimum: 0, title: 'Price Cents' },
            description: { anyOf: [{ type: 'string' }, { type: 'null' }], title: 'Description' },
          },
        },
      },
    },
  });

  // Without the optional redoc package the page loads ReDoc from the CDN, as FastAPI does.
  const redoc = await fetch(`${address}/redoc`);
  expect(redoc.status).toBe(200);
  expect(await redoc.text()).toContain('<script src="https://cdn.jsdelivr.net/npm/redoc@2/bundles/redoc.standalone.js"></script>');

  // @IsOptional: a body without `description` is valid; a wrong one is the exact 422.
  expect(await postItem(address, { name: 'Tea', priceCents: 350 })).toEqual({
    status: 201,
    type: 'application/json; charset=utf-8',
    body: { id: 1, name: 'Tea', priceCents: 350 },
  });
  expect(await postItem(address, { name: '', priceCents: -1, description: 5 })).toEqual({
    status: 422,
    type: 'application/json; charset=utf-8',
    body: INVALID_ITEM_422,
  });
  return server;
}

/** `trellis dev`: serves the sources, restarts on a change, shows a start-up error as code + message. */
const docsExample = (file: string) => readFileSync(join(ROOT, 'docs_src/tutorial/your-project', file), 'utf8');

async function checkDev(project: string): Promise<void> {
  const source = join(project, 'src', 'app.ts');
  const original = readFileSync(source, 'utf8');
  const server = new Server(project, bin(project, 'trellis'), ['dev', '--port', '0']);
  try {
    const first = await server.address();
    await server.waitFor(/OpenAPI: +http:\S+\/openapi\.json\n/);
    // What the docs page shows, with the port this run got.
    expect(server.text).toBe(docsExample('trellis-dev-output.txt').replaceAll('http://127.0.0.1:8000', first));
    expect(await fetchJson(`${first}/items/9`)).toMatchObject({ status: 404, body: { detail: 'Item not found' } });

    let mark = server.text.length;
    writeFileSync(source, original.replace("'Item not found'", "'No item 9 here'"));
    const second = await server.address(mark);
    expect(await fetchJson(`${second}/items/9`)).toMatchObject({ status: 404, body: { detail: 'No item 9 here' } });

    mark = server.text.length;
    writeFileSync(source, original.replace("@Get('/:id'", "@Get('/:itemId'"));
    await server.waitFor(/TRELLIS_PATH_PARAM_UNKNOWN/, mark);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const failure = server.text.slice(mark);
    expect(failure).toContain(docsExample('startup-error.txt'));
    expect(failure).not.toMatch(/^\s+at /m); // no stack dump

    mark = server.text.length;
    writeFileSync(source, original);
    const third = await server.address(mark);
    expect(await fetchJson(`${third}/items/9`)).toMatchObject({ status: 404, body: { detail: 'Item not found' } });
  } finally {
    writeFileSync(source, original);
    expect(await server.stop()).toBe(0);
  }
}

describe('CommonJS project (Jest with @swc/jest)', () => {
  let project: string;
  test('is created and installed', async () => {
    project = await createProject('cjs-api', []);
  });
  test('type-checks strictly and its generated tests pass', async () => {
    expect(await typecheckAndTest(project)).toMatch(/Tests: +3 passed, 3 total/);
  });
  test('trellis start serves /docs and /openapi.json; SIGTERM closes it with exit 0', async () => {
    const server = await checkStart(project);
    expect(await server.stop()).toBe(0);
  });
  test('trellis start --workers 2: two node:cluster workers share the port; SIGTERM stops them all', async () => {
    const server = new Server(project, bin(project, 'trellis'), ['start', '--port', '0', '--workers', '2']);
    const address = await server.address();
    expect(server.text).toMatch(/listening on http:\S+ \(2 workers, primary pid \d+\)/);
    for (let i = 0; i < 6; i++) expect((await fetchJson(`${address}/items`)).status).toBe(200);
    expect(await server.stop()).toBe(0);
    await expect(fetch(`${address}/items`)).rejects.toThrow();
  });
  test('trellis dev restarts on change and prints start-up errors readably', async () => {
    await checkDev(project);
  });
  test('a production install (npm ci --omit=dev) has no compiler or test runner, and trellis start serves', async () => {
    const production = join(work, 'cjs-api-production');
    mkdirSync(production);
    for (const file of ['package.json', 'package-lock.json', 'dist']) cpSync(join(project, file), join(production, file), { recursive: true });
    await measureInstall('cjs-api-production', production, ['ci', '--omit=dev']);
    for (const absent of ['typescript', '@swc/core', '@swc-node/register', 'jest']) expect([absent, existsSync(join(production, 'node_modules', absent))]).toEqual([absent, false]);
    const server = new Server(production, bin(production, 'trellis'), ['start', '--port', '0']);
    const address = await server.address();
    expect((await fetchJson(`${address}/openapi.json`)).status).toBe(200);
    expect(await server.stop()).toBe(0);
  });
});

describe('ES module project (Jest with @swc/jest)', () => {
  let project: string;
  test('is created and installed', async () => {
    project = await createProject('esm-api', ['--esm']);
    expect(JSON.parse(readFileSync(join(project, 'package.json'), 'utf8'))).toMatchObject({ type: 'module' });
  });
  test('type-checks strictly and its generated tests pass', async () => {
    expect(await typecheckAndTest(project)).toMatch(/Tests: +3 passed, 3 total/);
  });
  test('trellis start serves /docs and /openapi.json', async () => {
    const server = await checkStart(project);
    expect(await server.stop()).toBe(0);
  });
  test('trellis dev restarts on change and prints start-up errors readably', async () => {
    await checkDev(project);
  });
});

describe('NestJS-era pins: class-validator 0.14.1 and reflect-metadata 0.1.14 (vitest with unplugin-swc)', () => {
  let project: string;
  test('is created and installed with one copy of each', async () => {
    project = await createProject('pinned-api', ['--test', 'vitest'], { 'class-validator': '0.14.1', 'reflect-metadata': '0.1.14' });
    const tree = await expectOk(command(project, 'npm', ['ls', 'class-validator', 'reflect-metadata', '--all', '--parseable', '--long']));
    expect(tree.split('\n').filter((line) => /node_modules\/class-validator:/.test(line))).toEqual([`${join(project, 'node_modules/class-validator')}:class-validator@0.14.1`]);
    expect(tree.split('\n').filter((line) => /node_modules\/reflect-metadata:/.test(line))).toEqual([`${join(project, 'node_modules/reflect-metadata')}:reflect-metadata@0.1.14`]);
  });
  test('type-checks strictly and its generated tests pass under vitest', async () => {
    expect(await typecheckAndTest(project)).toMatch(/Tests +3 passed \(3\)/);
  });
  test('@IsOptional works exactly: a valid body is accepted, an invalid one gets the exact 422', async () => {
    const server = await checkStart(project);
    expect(await server.stop()).toBe(0);
  });
});

describe('other test runners', () => {
  test('ES modules with node:test (through @swc-node/register)', async () => {
    const project = await createProject('node-test-api', ['--esm', '--test', 'node']);
    expect(await typecheckAndTest(project)).toMatch(/# pass 3\n# fail 0/);
  });
  test('CommonJS with ts-jest, in a tree whose fastify got light-my-request 6.8 (cookie@2, an ES module)', async () => {
    // The user's own light-my-request 6.8.1 is what fastify.inject would load; Jest cannot
    // require its cookie@2 on Node 20. TestClient uses its own copy and is unaffected.
    const project = await createProject('ts-jest-api', ['--test', 'ts-jest'], { 'light-my-request': '6.8.1' });
    const tree = await expectOk(command(project, 'npm', ['ls', 'light-my-request', 'cookie', '--all', '--parseable', '--long']));
    expect(tree).toContain(`${join(project, 'node_modules/light-my-request')}:light-my-request@6.8.1`);
    expect(tree).toContain(`${join(project, 'node_modules/@trellis/fastify/node_modules/light-my-request')}:light-my-request@6.6.`);
    expect(tree).toMatch(/:cookie@2\./);
    expect(await typecheckAndTest(project)).toMatch(/Tests: +3 passed, 3 total/);
  });
});
