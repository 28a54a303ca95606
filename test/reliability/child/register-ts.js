'use strict';
/*
 * Lets a child process run the TypeScript sources directly, as the tests do: `.ts` files are
 * compiled by SWC with the same options as jest.config.ts, and `@trellis/<pkg>` resolves to
 * packages/<pkg>/src/index.ts (never a possibly stale dist/). Usage:
 *   node --expose-gc -r ./test/reliability/child/register-ts.js some-file.ts
 */
const Module = require('node:module');
const path = require('node:path');
const fs = require('node:fs');
const { transformSync } = require('@swc/core');

const root = path.resolve(__dirname, '../../..');
const options = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: true },
    target: 'es2022',
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};

const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, parent, ...rest) {
  const match = /^@trellis\/(metadata|fastify|swagger|bullmq)$/.exec(request);
  if (match) return path.join(root, 'packages', match[1], 'src', 'index.ts');
  return resolve.call(this, request, parent, ...rest);
};

Module._extensions['.ts'] = function (module, filename) {
  const source = fs.readFileSync(filename, 'utf8');
  const { code } = transformSync(source, { ...options, filename });
  module._compile(code, filename);
};
