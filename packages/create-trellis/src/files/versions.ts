/*
 * The versions a generated project starts with: the ones the packed-project test installs
 * and runs. TypeScript stays on 5.x: ts-jest and @swc-node/register do not support 7 yet.
 */
export const VERSIONS = {
  'class-transformer': '^0.5.1',
  'class-validator': '^0.15.1',
  fastify: '^5.12.0',
  'reflect-metadata': '^0.2.2',
  typescript: '~5.9.3',
  '@types/node': '^20.19.0',
  '@swc/core': '^1.16.0',
  '@swc-node/register': '^1.12.1',
  jest: '^30.2.0',
  '@swc/jest': '^0.2.39',
  '@types/jest': '^30.0.0',
  'ts-jest': '^29.4.5',
  vitest: '^4.1.0',
  'unplugin-swc': '^2.0.0',
} as const;
