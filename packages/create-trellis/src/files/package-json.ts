import type { ProjectOptions } from '../options';
import { VERSIONS } from './versions';

const pick = (...names: (keyof typeof VERSIONS)[]): Record<string, string> =>
  Object.fromEntries(names.sort().map((name) => [name, VERSIONS[name]]));

/** The scripts that run the tests, per runner (each type-checks nothing: `npm run typecheck` does). */
function testScript(options: ProjectOptions): string {
  switch (options.runner) {
    case 'jest':
    case 'ts-jest':
      return 'jest';
    case 'vitest':
      return 'vitest run';
    case 'node':
      // Node 20's --test takes files, not globs; SWC's hook compiles them (with decorator metadata).
      return `node ${options.esm ? '--import @swc-node/register/esm-register' : '--require @swc-node/register'} --test test/app.test.ts`;
  }
}

function runnerDevDependencies(options: ProjectOptions): Record<string, string> {
  switch (options.runner) {
    case 'jest':
      return pick('jest', '@swc/jest', '@types/jest');
    case 'ts-jest':
      return pick('jest', 'ts-jest', '@types/jest');
    case 'vitest':
      return pick('vitest', 'unplugin-swc');
    case 'node':
      return {};
  }
}

/** Jest reads its configuration from package.json: one file fewer, and no CommonJS/ESM question. */
function jestConfig(options: ProjectOptions): Record<string, unknown> | undefined {
  if (options.runner !== 'jest' && options.runner !== 'ts-jest') return undefined;
  const transformer =
    options.runner === 'jest'
      ? [
          '@swc/jest',
          {
            jsc: {
              parser: { syntax: 'typescript', decorators: true },
              transform: { legacyDecorator: true, decoratorMetadata: true },
              target: 'es2022',
            },
            module: { type: 'commonjs' },
          },
        ]
      : ['ts-jest', { tsconfig: 'tsconfig.json' }];
  return {
    testEnvironment: 'node',
    roots: ['<rootDir>/test'],
    transform: { '^.+\\.ts$': transformer },
    // ES module sources import './x.js'; Jest runs them as CommonJS and finds './x.ts'.
    ...(options.esm ? { moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' } } : {}),
  };
}

/** package.json of the generated project. */
export function packageJson(options: ProjectOptions): string {
  const trellis = options.trellisVersion;
  const manifest = {
    name: options.name,
    version: '0.1.0',
    private: true,
    ...(options.esm ? { type: 'module' } : {}),
    scripts: {
      dev: 'trellis dev',
      build: 'tsc -p tsconfig.build.json',
      start: 'trellis start',
      test: testScript(options),
      typecheck: 'tsc --noEmit',
    },
    trellis: { dev: 'src/app.ts', start: 'dist/app.js' },
    engines: { node: '>=20' },
    // npm 11 asks about install scripts; none is needed: SWC's binary comes from an optional
    // dependency package, Jest runs without building @parcel/watcher, and @scarf/scarf (pulled in
    // by swagger-ui-dist) only sends install analytics.
    allowScripts: { '@parcel/watcher': false, '@scarf/scarf': false, '@swc/core': false },
    dependencies: {
      '@trellis/cli': trellis,
      '@trellis/fastify': trellis,
      '@trellis/metadata': trellis,
      '@trellis/swagger': trellis,
      ...pick('class-transformer', 'class-validator', 'fastify', 'reflect-metadata'),
    },
    devDependencies: Object.fromEntries(
      Object.entries({ ...pick('@swc-node/register', '@swc/core', '@types/node', 'typescript'), ...runnerDevDependencies(options) }).sort(([a], [b]) =>
        a.localeCompare(b),
      ),
    ),
    ...(jestConfig(options) ? { jest: jestConfig(options) } : {}),
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}
