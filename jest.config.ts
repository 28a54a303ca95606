import type { Config } from 'jest';

/*
 * Tests run on the TypeScript sources through SWC (legacy decorators + decorator
 * metadata, as tsc emits them); `tsc -b` type-checks separately in `npm test`.
 * ts-jest was not chosen: it type-checks per file and is several times slower.
 */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];

const config: Config = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': swc as Config['transform'] extends Record<string, infer T> ? T : never,
    // ESM-only packages reached through require() (@bull-board/fastify → @fastify/static →
    // content-disposition 3): Node 20 loads them natively, Jest's module system cannot.
    '/node_modules/content-disposition/.+\\.js$': swc as Config['transform'] extends Record<string, infer T> ? T : never,
  },
  transformIgnorePatterns: ['/node_modules/(?!content-disposition/)'],
  moduleNameMapper: {
    '^@trellis/(metadata|fastify|swagger|bullmq)$': '<rootDir>/packages/$1/src/index.ts',
    '^create-trellis$': '<rootDir>/packages/create-trellis/src/index.ts',
  },
  testMatch: ['<rootDir>/packages/*/test/**/*.test.ts', '<rootDir>/examples/*/test/**/*.test.ts', '<rootDir>/test/**/*.test.ts', '<rootDir>/docs_src/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  testTimeout: 20000,
};

export default config;
