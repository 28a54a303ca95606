'use strict';
/**
 * The large app in plain Fastify, as its users write it: one plugin per resource registered
 * with a prefix, a JSON schema object per DTO (as 200 hand-written schemas would be, so Ajv
 * and fast-json-stringify get no cross-DTO sharing for free), the DTO schema as the response
 * schema (unknown input fields never leave), and 422 for validation errors like the others.
 */

const dtoSchema = (i) => [
  `const dto${i} = {`,
  "  type: 'object',",
  "  required: ['name', 'email', 'count', 'active'],",
  '  properties: {',
  "    name: { type: 'string', minLength: 1, maxLength: 50 },",
  "    email: { type: 'string', format: 'email' },",
  "    count: { type: 'integer', minimum: 0, maximum: 1000 },",
  "    note: { type: 'string', maxLength: 200 },",
  "    tags: { type: 'array', items: { type: 'string' } },",
  "    active: { type: 'boolean' },",
  '  },',
  '} as const;',
];

// Paths are '' and '/:id' under the prefix: '/' would register both /r{i} and /r{i}/.
const plugin = (i) => [
  `async function resource${i}(app: FastifyInstance) {`,
  "  app.get<{ Params: IdParams }>('/:id', { schema: { params: idParams, response: { 200: readOut } } }, async (request) => ({",
  `    resource: ${i},`,
  '    id: request.params.id,',
  '  }));',
  '  app.get<{ Params: IdParams; Querystring: SummaryQuery }>(',
  "    '/:id/summary',",
  '    { schema: { params: idParams, querystring: summaryQuery, response: { 200: summaryOut } } },',
  `    async (request) => ({ resource: ${i}, id: request.params.id, verbose: request.query.verbose }),`,
  '  );',
  `  app.post<{ Body: Dto }>('', { schema: { body: dto${i}, response: { 201: dto${i} } } }, async (request, reply) => reply.code(201).send(request.body));`,
  `  app.put<{ Params: IdParams; Body: Dto }>('/:id', { schema: { params: idParams, body: dto${i}, response: { 200: dto${i} } } }, async (request) => request.body);`,
  "  app.delete<{ Params: IdParams }>('/:id', { schema: { params: idParams } }, async (_request, reply) => reply.code(204).send());",
  '}',
];

function source(_impl, { dtos }) {
  return [
    "import Fastify, { type FastifyInstance } from 'fastify';",
    "import { announce, port } from '../shared';",
    '',
    'interface Dto {',
    '  name: string;',
    '  email: string;',
    '  count: number;',
    '  note?: string;',
    '  tags?: string[];',
    '  active: boolean;',
    '}',
    'interface IdParams {',
    '  id: number;',
    '}',
    'interface SummaryQuery {',
    '  verbose: boolean;',
    '}',
    '',
    "const idParams = { type: 'object', properties: { id: { type: 'integer' } }, required: ['id'] } as const;",
    "const summaryQuery = { type: 'object', properties: { verbose: { type: 'boolean', default: false } } } as const;",
    "const readOut = { type: 'object', properties: { resource: { type: 'integer' }, id: { type: 'integer' } }, required: ['resource', 'id'] } as const;",
    'const summaryOut = {',
    "  type: 'object',",
    "  properties: { resource: { type: 'integer' }, id: { type: 'integer' }, verbose: { type: 'boolean' } },",
    "  required: ['resource', 'id', 'verbose'],",
    '} as const;',
    '',
    ...Array.from({ length: dtos }, (_, i) => [...dtoSchema(i), ...plugin(i)].join('\n') + '\n'),
    'type ValidationError = { validation?: { instancePath: string; message?: string; keyword: string }[]; validationContext?: string; statusCode?: number; message: string };',
    '',
    'async function main() {',
    '  const started = performance.now();',
    '  const app = Fastify({ logger: false });',
    '  // Counted here because Fastify has no public route list; HEAD twins of the GET routes are not ours.',
    '  let routes = 0;',
    "  app.addHook('onRoute', (route) => {",
    "    if (route.method !== 'HEAD') routes++;",
    '  });',
    '  app.setErrorHandler((error: ValidationError, _request, reply) => {',
    '    if (error.validation) {',
    "      const where = error.validationContext ?? 'body';",
    '      return reply.code(422).send({',
    '        detail: error.validation.map((e) => ({ loc: [where, ...e.instancePath.split(\'/\').filter(Boolean)], msg: e.message, type: e.keyword })),',
    '      });',
    '    }',
    '    const status = error.statusCode ?? 500;',
    "    return reply.code(status).send({ detail: status >= 500 ? 'Internal Server Error' : error.message });",
    '  });',
    ...Array.from({ length: dtos }, (_, i) => `  app.register(resource${i}, { prefix: '/r${i}' });`),
    '  await app.ready();',
    '  const readyMs = performance.now() - started;',
    `  if (routes !== ${dtos * 5}) throw new Error(\`expected ${dtos * 5} routes, got \${routes}\`);`,
    '  process.stdout.write(`STARTUP ${JSON.stringify({ readyMs })}\\n`);',
    "  await app.listen({ port: port(), host: '127.0.0.1' });",
    '  announce();',
    '}',
    '',
    'main().catch((error: unknown) => {',
    '  console.error(error);',
    '  process.exit(1);',
    '});',
    '',
  ].join('\n');
}

module.exports = { impls: ['fastify-raw'], source };
