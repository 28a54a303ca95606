import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectFiles } from 'create-trellis';

/*
 * The page's code blocks are these files, and these files are what `npm create trellis`
 * writes (CommonJS, Jest with @swc/jest; vitest's config from `--test vitest`). The app and
 * its test run here too: test/app.test.ts is an ordinary test of this suite.
 */
const here = (file: string) => readFileSync(join(__dirname, file), 'utf8');
const generated = projectFiles({ name: 'my-api', esm: false, runner: 'jest', trellisVersion: '^0.1.0' });

test.each(['package.json', 'tsconfig.json', 'tsconfig.build.json', 'src/app.ts', 'test/app.test.ts'])('%s is what the generator writes', (file) => {
  expect(here(file)).toBe(generated[file]);
});

test('vitest.config.mts is what `--test vitest` writes', () => {
  expect(here('vitest.config.mts')).toBe(projectFiles({ name: 'my-api', esm: false, runner: 'vitest', trellisVersion: '^0.1.0' })['vitest.config.mts']);
});

test('the ES module variant differs only where the page says', () => {
  const esm = projectFiles({ name: 'my-api', esm: true, runner: 'jest', trellisVersion: '^0.1.0' });
  expect(esm['tsconfig.json']).toBe(generated['tsconfig.json']);
  expect(esm['src/app.ts']).toBe(generated['src/app.ts']);
  expect(esm['test/app.test.ts']).toBe(generated['test/app.test.ts']!.replace("from '../src/app'", "from '../src/app.js'"));
  const manifest = JSON.parse(esm['package.json']!) as { type: string; jest: { moduleNameMapper: Record<string, string> } };
  expect(manifest.type).toBe('module');
  expect(manifest.jest.moduleNameMapper).toEqual({ '^(\\.{1,2}/.*)\\.js$': '$1' });
});

/** The commands of a shell example, one list of words each (`\` continuations joined, comments dropped). */
const commands = (file: string) =>
  here(file)
    .replace(/\\\n\s*/g, ' ')
    .split('\n')
    .map((line) => line.replace(/#.*$/, '').trim().split(/\s+/).filter(Boolean))
    .filter((words) => words.length > 0);

test('create.sh runs the generator, then scripts the generated package.json has', () => {
  const scripts = (JSON.parse(generated['package.json']!) as { scripts: Record<string, string> }).scripts;
  const [create, ...rest] = commands('create.sh');
  expect(create).toEqual(['npm', 'create', 'trellis@latest', 'my-api']);
  expect(JSON.parse(readFileSync(join(__dirname, '../../../packages/create-trellis/package.json'), 'utf8')).name).toBe('create-trellis');
  expect(rest).toEqual([['cd', 'my-api'], ['npm', 'install'], ['npm', 'test'], ['npm', 'run', 'dev']]);
  expect([typeof scripts.test, typeof scripts.dev]).toEqual(['string', 'string']);
});

test('install.sh installs what the generated project depends on', () => {
  const manifest = JSON.parse(generated['package.json']!) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
  const [runtime, dev] = commands('install.sh');
  const names = (words: string[]) => words.filter((word) => !word.startsWith('-') && word !== 'npm' && word !== 'install').map((word) => word.replace(/(.)@[^@/]+$/, '$1'));
  expect(names(runtime!).sort()).toEqual(Object.keys(manifest.dependencies).sort());
  expect(names(dev!).every((name) => name in manifest.devDependencies)).toBe(true);
  expect(dev).toContain('--save-dev');
});
