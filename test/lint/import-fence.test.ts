import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/*
 * The import fence `npm run lint` enforces (eslint.config.mjs): across packages only the
 * bare `@trellis/<pkg>` specifier; never another package's files, anyone's build output,
 * or Fastify's private lib/. Each case is linted as if it were a file at that path.
 */

// ESLint loads its config with a dynamic import, which Jest's module runtime cannot do: lint in a child Node.
const SCRIPT = `
const { ESLint } = require('eslint');
const cases = JSON.parse(require('node:fs').readFileSync(0, 'utf8'));
const eslint = new ESLint();
Promise.all(cases.map(([filePath, code]) => eslint.lintText(code, { filePath }))).then((results) => {
  process.stdout.write(JSON.stringify(results.map(([r]) => r.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.line))));
});`;

const CASES: [string, string][] = [];
let lines: number[][] | undefined;
function refused(filePath: string, code: string): () => number[] {
  const index = CASES.push([filePath, code]) - 1;
  return () => {
    lines ??= JSON.parse(execFileSync(process.execPath, ['-e', SCRIPT], { cwd: join(__dirname, '../..'), input: JSON.stringify(CASES) }).toString()) as number[][];
    return lines[index]!;
  };
}

const acrossPackages = refused(
  'packages/swagger/src/example.ts',
  [
    "import { createApp } from '@trellis/fastify';",
    "import { buildRoutePlan } from '../../fastify/src/plan/build-route-plan';",
    "import type { RoutePlan } from '@trellis/fastify/src/plan/route-plan';",
    "export { describeModelFields } from '../../metadata/src/models/describe-model-fields';",
    "import { TrellisApp } from '@trellis/fastify/dist/app';",
  ].join('\n'),
);
const outside = refused(
  'test/reliability/example.test.ts',
  [
    "import { DEFAULT_MAX_DEPTH } from '../../packages/fastify/src/validation/model-limits';",
    "import { kRequest } from 'fastify/lib/symbols';",
    "import Fastify from 'fastify';",
    "import Ajv from 'ajv/dist/2020';",
  ].join('\n'),
);
const ownFiles = refused('packages/fastify/src/plan/example.ts', ["import { compileModel } from '../validation/compile-model';", "import { INVALID } from './invalid';"].join('\n'));
const ownUnitTest = refused('packages/fastify/test/unit/example.test.ts', "import { nativeConstraint } from '../../src/validation/native-constraints';");
const ownBuild = refused('packages/fastify/src/example.ts', "import { app } from '../dist/index';");

test('another package is reached through its bare name only', () => {
  expect(acrossPackages()).toEqual([2, 3, 4, 5]);
});

test("outside the packages, their files are off limits too, and so is Fastify's lib/", () => {
  expect(outside()).toEqual([1, 2]);
});

test("a package's own files stay free to import each other (unit tests included), but not its build output", () => {
  expect(ownFiles()).toEqual([]);
  expect(ownUnitTest()).toEqual([]);
  expect(ownBuild()).toEqual([1]);
});
