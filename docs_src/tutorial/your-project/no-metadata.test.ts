import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { transformSync } from '@swc/core';
import type { TrellisApp } from '@trellis/fastify';
import { readExample } from '../../support/example-files';

/*
 * What `npx tsx src/app.ts` gives: tsx (esbuild) applies the decorators but never records
 * design metadata. The generated app is compiled the same way here — SWC with decorators and
 * without decoratorMetadata — and its start-up error is the one the page shows.
 */
test('compiled without decorator metadata, the generated app refuses to start with no-metadata-error.txt', async () => {
  const source = readFileSync(join(__dirname, 'src', 'app.ts'), 'utf8');
  const { code } = transformSync(source, {
    filename: 'app.ts',
    jsc: { parser: { syntax: 'typescript', decorators: true }, transform: { legacyDecorator: true, decoratorMetadata: false }, target: 'es2022' },
    module: { type: 'commonjs' },
  });
  expect(code).not.toContain('design:paramtypes');
  const module = { exports: {} as { buildApp?: () => TrellisApp } };
  new Function('require', 'module', 'exports', code)(require, module, module.exports);
  const app = module.exports.buildApp!();
  const error = await app.ready().then(
    () => undefined,
    (failure: Error) => failure,
  );
  expect(`${error?.name}: ${error?.message}`).toBe(readExample(__dirname, 'no-metadata-error.txt').trim());
});
