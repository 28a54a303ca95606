import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/*
 * The published shape: the packages' dist/ builds (made by `tsc -b` in `npm test`)
 * used from plain CommonJS and from an ES module, in a separate Node process.
 */
const run = (file: string): string => execFileSync(process.execPath, [join(__dirname, file)], { encoding: 'utf8' });

describe('built packages', () => {
  beforeAll(() => {
    if (!existsSync(join(__dirname, '../../packages/fastify/dist/index.js'))) throw new Error('run `npm run build` first');
  });

  test('work from CommonJS', () => {
    expect(run('app.cjs')).toBe('200 {"hello":"cjs","format":"cjs"}');
  });

  test('work from an ES module', () => {
    expect(run('app.mjs')).toBe('200 {"hello":"esm","format":"esm"}');
  });
});
