import { appSource } from './files/app-source';
import { packageJson } from './files/package-json';
import { vitestConfig } from './files/runner-config';
import { GITIGNORE, readme } from './files/static-files';
import { testSource } from './files/test-source';
import { tsconfig, tsconfigBuild } from './files/tsconfig';
import type { ProjectOptions } from './options';

const RUNNER_NAMES = { jest: 'Jest with @swc/jest', 'ts-jest': 'Jest with ts-jest', vitest: 'vitest with unplugin-swc', node: 'node:test' } as const;

/**
 * Every file of a new project, by relative path. Pure: the generator writes these, and the
 * docs' examples are checked against them.
 * @example
 * projectFiles({ name: 'my-api', esm: false, runner: 'jest', trellisVersion: '^0.1.0' })['tsconfig.json'];
 */
export function projectFiles(options: ProjectOptions): Readonly<Record<string, string>> {
  const files: Record<string, string> = {
    'package.json': packageJson(options),
    'tsconfig.json': tsconfig(),
    'tsconfig.build.json': tsconfigBuild(),
    'src/app.ts': appSource(),
    'test/app.test.ts': testSource(options),
    '.gitignore': GITIGNORE,
    'README.md': readme(options.name, RUNNER_NAMES[options.runner]),
  };
  const vitest = vitestConfig(options);
  // .mts: Vite loads its config as an ES module whatever the package's type.
  if (vitest !== undefined) files['vitest.config.mts'] = vitest;
  return files;
}
