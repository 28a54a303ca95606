import type { ProjectOptions } from '../options';

/** The assertions, shared by every runner: only the imports and the assertion words differ. */
const CASES = [
  {
    title: 'creates an item (the optional description may be left out)',
    request: `client.post('/items', { json: { name: 'Tea', priceCents: 350 } })`,
    status: 201,
    body: `{ id: 1, name: 'Tea', priceCents: 350 }`,
  },
  {
    title: 'rejects an invalid item with a 422 naming every field',
    request: `client.post('/items', { json: { name: '', priceCents: -1, description: 5 } })`,
    status: 422,
    body: `{
      detail: [
        { type: 'string_too_short', loc: ['body', 'name'], msg: 'String should have at least 1 character', input: '', ctx: { min_length: 1 } },
        { type: 'greater_than_equal', loc: ['body', 'priceCents'], msg: 'Input should be greater than or equal to 0', input: -1, ctx: { ge: 0 } },
        { type: 'string_type', loc: ['body', 'description'], msg: 'Input should be a valid string', input: 5 },
      ],
    }`,
  },
  {
    title: 'answers 404 for an unknown item',
    request: `client.get('/items/9')`,
    status: 404,
    body: `{ detail: 'Item not found' }`,
  },
] as const;

/** test/app.test.ts for the chosen runner: the app driven in-process by TestClient. */
export function testSource(options: ProjectOptions): string {
  const app = options.esm ? '../src/app.js' : '../src/app';
  const node = options.runner === 'node';
  const imports = [
    ...(node ? [`import assert from 'node:assert/strict';`, `import { after, describe, test } from 'node:test';`] : []),
    ...(options.runner === 'vitest' ? [`import { afterAll, describe, expect, test } from 'vitest';`] : []),
    `import { TestClient } from '@trellis/fastify';`,
    `import { buildApp } from '${app}';`,
  ];
  const tests = CASES.map((c) => {
    const checks = node
      ? [`assert.equal(res.status, ${c.status});`, `assert.deepEqual(res.json(), ${c.body});`]
      : [`expect(res.status).toBe(${c.status});`, `expect(res.json()).toEqual(${c.body});`];
    return `  test('${c.title}', async () => {
    const res = await ${c.request};
    ${checks.join('\n    ')}
  });`;
  });
  return `${imports.join('\n')}

describe('items', () => {
  const app = buildApp();
  const client = new TestClient(app);
  ${node ? 'after' : 'afterAll'}(() => app.close());

${tests.join('\n\n')}
});
`;
}
