'use strict';
/**
 * The large app in Hono + @hono/zod-openapi, as its users write a bigger application: a zod
 * schema per DTO, one `OpenAPIHono` sub-app per resource with a `createRoute` per operation,
 * mounted with `app.route('/r{i}', …)` (Hono's "larger applications" layout; the sub-apps use
 * the parent's `defaultHook`, so validation failures are 422 like the others) and the document
 * at /doc. The validated body is what POST and PUT answer: a zod object strips unknown keys
 * when it parses, so an input's `secret` never leaves.
 *
 * "Ready" is the end of registration. Hono has no ready step: its default router (SmartRouter
 * → RegExpRouter) builds its matcher on the first request, and zod compiles a schema on its
 * first parse, so that work lands on the first requests rather than in readyMs. The document is
 * generated per GET /doc, not at start-up.
 */

const dtoSchema = (i) => [
  `const Dto${i} = z`,
  '  .object({',
  "    name: z.string().min(1).max(50).openapi({ example: 'Widget' }),",
  "    email: z.email().openapi({ example: 'widget@example.com' }),",
  '    count: z.number().int().min(0).max(1000),',
  '    note: z.string().max(200).optional(),',
  '    tags: z.array(z.string()).optional(),',
  '    active: z.boolean(),',
  '  })',
  `  .openapi('Dto${i}');`,
];

// The sub-app's paths are '/' and '/{id}…' under its mount point: '/' is /r{i} itself.
const resource = (i) => [
  `function resource${i}(): OpenAPIHono {`,
  '  const app = new OpenAPIHono();',
  '  app.openapi(',
  `    createRoute({ method: 'get', path: '/{id}', request: { params: IdParams }, responses: { 200: json(Read, 'Resource ${i}'), 422: validationResponse } }),`,
  `    (c) => c.json({ resource: ${i}, id: c.req.valid('param').id }, 200),`,
  '  );',
  '  app.openapi(',
  '    createRoute({',
  "      method: 'get',",
  "      path: '/{id}/summary',",
  '      request: { params: IdParams, query: SummaryQuery },',
  `      responses: { 200: json(Summary, 'Resource ${i} in summary'), 422: validationResponse },`,
  '    }),',
  `    (c) => c.json({ resource: ${i}, id: c.req.valid('param').id, verbose: c.req.valid('query').verbose }, 200),`,
  '  );',
  '  app.openapi(',
  '    createRoute({',
  "      method: 'post',",
  "      path: '/',",
  `      request: { body: { content: { 'application/json': { schema: Dto${i} } }, required: true } },`,
  `      responses: { 201: json(Dto${i}, 'Created'), 422: validationResponse },`,
  '    }),',
  "    (c) => c.json(c.req.valid('json'), 201),",
  '  );',
  '  app.openapi(',
  '    createRoute({',
  "      method: 'put',",
  "      path: '/{id}',",
  `      request: { params: IdParams, body: { content: { 'application/json': { schema: Dto${i} } }, required: true } },`,
  `      responses: { 200: json(Dto${i}, 'Replaced'), 422: validationResponse },`,
  '    }),',
  "    (c) => c.json(c.req.valid('json'), 200),",
  '  );',
  '  app.openapi(',
  `    createRoute({ method: 'delete', path: '/{id}', request: { params: IdParams }, responses: { 204: { description: 'Deleted' }, 422: validationResponse } }),`,
  '    (c) => c.body(null, 204),',
  '  );',
  '  return app;',
  '}',
];

function source(_impl, { dtos }) {
  return [
    "import { serve } from '@hono/node-server';",
    "import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';",
    "import { json, validationFailed, validationResponse } from '../hono-validation';",
    "import { announce, port } from '../shared';",
    '',
    "const IdParams = z.object({ id: z.coerce.number().int().openapi({ param: { name: 'id', in: 'path' }, example: 42 }) });",
    "// z.stringbool() reads 'true'/'false' (and 1/0, yes/no, on/off, as FastAPI's bool does).",
    "const SummaryQuery = z.object({ verbose: z.stringbool().default(false).openapi({ param: { name: 'verbose', in: 'query' } }) });",
    "const Read = z.object({ resource: z.number().int(), id: z.number().int() }).openapi('Read');",
    "const Summary = z.object({ resource: z.number().int(), id: z.number().int(), verbose: z.boolean() }).openapi('Summary');",
    '',
    ...Array.from({ length: dtos }, (_, i) => [...dtoSchema(i), ...resource(i)].join('\n') + '\n'),
    'function main(): void {',
    '  const started = performance.now();',
    '  const app = new OpenAPIHono({ defaultHook: validationFailed });',
    ...Array.from({ length: dtos }, (_, i) => `  app.route('/r${i}', resource${i}());`),
    "  app.doc('/doc', { openapi: '3.0.0', info: { title: 'large', version: '1.0.0' } });",
    '  const readyMs = performance.now() - started;',
    '  // app.routes has one entry per handler (the validators are handlers too): count method + path pairs.',
    "  const routes = new Set(app.routes.filter((route) => route.path !== '/doc').map((route) => `${route.method} ${route.path}`)).size;",
    `  if (routes !== ${dtos * 5}) throw new Error(\`expected ${dtos * 5} routes, got \${routes}\`);`,
    '  process.stdout.write(`STARTUP ${JSON.stringify({ readyMs })}\\n`);',
    "  serve({ fetch: app.fetch, port: port(), hostname: '127.0.0.1' }, announce).on('error', (error: unknown) => {",
    '    console.error(error);',
    '    process.exit(1);',
    '  });',
    '}',
    '',
    'main();',
    '',
  ].join('\n');
}

module.exports = { impls: ['hono-zod-openapi'], source };
