'use strict';
/**
 * The large app in Trellis, as its users write it: one DTO class and one controller per
 * resource, a typed path parameter, a query parameter with a default, the DTO as the response
 * model (so unknown input fields never leave) and a 204 DELETE.
 */
const { dtoClass, DTO_DECORATORS } = require('../class-validator-dto');

const resource = (i) => [
  ...dtoClass(i),
  `@Controller('/r${i}')`,
  `class Resource${i} {`,
  "  @Get('/:id')",
  "  read(@Path('id', { type: 'integer' }) id: number) {",
  `    return { resource: ${i}, id };`,
  '  }',
  "  @Get('/:id/summary')",
  "  summary(@Path('id', { type: 'integer' }) id: number, @Query('verbose', { default: false }) verbose: boolean) {",
  `    return { resource: ${i}, id, verbose };`,
  '  }',
  `  @Post('', { status: status.HTTP_201_CREATED, responseModel: Dto${i} })`,
  `  create(@Body() dto: Dto${i}) {`,
  '    return dto;',
  '  }',
  `  @Put('/:id', { responseModel: Dto${i} })`,
  `  replace(@Path('id', { type: 'integer' }) id: number, @Body() dto: Dto${i}) {`,
  '    return dto;',
  '  }',
  "  @Delete('/:id', { status: status.HTTP_204_NO_CONTENT })",
  "  remove(@Path('id', { type: 'integer' }) id: number) {}",
  '}',
];

function source(_impl, { dtos }) {
  const controllers = Array.from({ length: dtos }, (_, i) => `Resource${i}`).join(', ');
  return [
    "import { createRequire } from 'node:module';",
    "import type * as ClassValidator from 'class-validator';",
    "import { Body, Controller, Delete, Get, Path, Post, Put, Query, status } from '@trellis/metadata';",
    "import { createApp } from '@trellis/fastify';",
    "import { announce, port } from '../shared';",
    '',
    '// class-validator and reflect-metadata from where @trellis/fastify loads them: one shared copy (see ../trellis.ts).',
    "const fromTrellis = createRequire(require.resolve('@trellis/fastify'));",
    "fromTrellis('reflect-metadata');",
    `const { ${DTO_DECORATORS.join(', ')} } = fromTrellis('class-validator') as typeof ClassValidator;`,
    '',
    ...Array.from({ length: dtos }, (_, i) => resource(i).join('\n') + '\n'),
    'async function main() {',
    '  const started = performance.now();',
    "  const app = createApp({ title: 'large', fastify: { logger: false } });",
    `  for (const controller of [${controllers}]) app.include(controller);`,
    '  await app.ready();',
    '  const readyMs = performance.now() - started;',
    `  if (app.routes.length !== ${dtos * 5}) throw new Error(\`expected ${dtos * 5} routes, got \${app.routes.length}\`);`,
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

module.exports = { impls: ['trellis'], source };
