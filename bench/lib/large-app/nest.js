'use strict';
/**
 * The large app in NestJS, as its users write it: one DTO class and one controller per
 * resource in one module, ParseIntPipe / DefaultValuePipe + ParseBoolPipe on the parameters,
 * a global ValidationPipe answering 422 whose `whitelist` strips unknown fields (so `secret`
 * is never echoed) and @HttpCode(204) on DELETE. nest-fastify and nest-express are the same
 * app; only the HTTP adapter differs.
 */
const { dtoClass, DTO_DECORATORS } = require('../class-validator-dto');

const ADAPTERS = {
  'nest-fastify': {
    imports: ["import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';"],
    create: 'NestFactory.create<NestFastifyApplication>(AppModule, new FastifyAdapter(), { logger: false })',
    // init() registers the routes; Fastify compiles them (schemas, hooks) when it becomes ready.
    ready: ['  await app.init();', '  await app.getHttpAdapter().getInstance().ready();'],
  },
  'nest-express': {
    imports: ["import type { NestExpressApplication } from '@nestjs/platform-express';"],
    create: 'NestFactory.create<NestExpressApplication>(AppModule, { logger: false })',
    // Express has nothing to compile: the routes are in its router once init() has run.
    ready: ['  await app.init();'],
  },
};

// The other handlers use the same 422 as the ValidationPipe for a malformed parameter.
const resource = (i) => [
  ...dtoClass(i),
  `@Controller('r${i}')`,
  `class Resource${i}Controller {`,
  "  @Get(':id')",
  "  read(@Param('id', new ParseIntPipe({ errorHttpStatusCode: 422 })) id: number) {",
  `    return { resource: ${i}, id };`,
  '  }',
  "  @Get(':id/summary')",
  '  summary(',
  "    @Param('id', new ParseIntPipe({ errorHttpStatusCode: 422 })) id: number,",
  "    @Query('verbose', new DefaultValuePipe(false), new ParseBoolPipe({ errorHttpStatusCode: 422 })) verbose: boolean,",
  '  ) {',
  `    return { resource: ${i}, id, verbose };`,
  '  }',
  '  @Post()',
  `  create(@Body() dto: Dto${i}) {`,
  '    return dto;',
  '  }',
  "  @Put(':id')",
  `  replace(@Param('id', new ParseIntPipe({ errorHttpStatusCode: 422 })) id: number, @Body() dto: Dto${i}) {`,
  '    return dto;',
  '  }',
  "  @Delete(':id')",
  '  @HttpCode(204)',
  "  remove(@Param('id', new ParseIntPipe({ errorHttpStatusCode: 422 })) id: number) {}",
  '}',
];

function source(impl, { dtos }) {
  const adapter = ADAPTERS[impl];
  if (!adapter) throw new Error(`nest.js generates ${Object.keys(ADAPTERS).join(', ')}, not ${impl}`);
  const controllers = Array.from({ length: dtos }, (_, i) => `Resource${i}Controller`).join(', ');
  return [
    "import 'reflect-metadata';",
    "import { Body, Controller, DefaultValuePipe, Delete, Get, HttpCode, Module, Param, ParseBoolPipe, ParseIntPipe, Post, Put, Query, ValidationPipe } from '@nestjs/common';",
    "import { NestFactory } from '@nestjs/core';",
    ...adapter.imports,
    `import { ${DTO_DECORATORS.join(', ')} } from 'class-validator';`,
    "import { announce, port } from '../shared';",
    '',
    ...Array.from({ length: dtos }, (_, i) => resource(i).join('\n') + '\n'),
    `@Module({ controllers: [${controllers}] })`,
    'class AppModule {}',
    '',
    'async function main() {',
    '  const started = performance.now();',
    `  const app = await ${adapter.create};`,
    '  app.useGlobalPipes(new ValidationPipe({ errorHttpStatusCode: 422, whitelist: true }));',
    ...adapter.ready,
    '  const readyMs = performance.now() - started;',
    '  process.stdout.write(`STARTUP ${JSON.stringify({ readyMs })}\\n`);',
    "  await app.listen(port(), '127.0.0.1');",
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

module.exports = { impls: Object.keys(ADAPTERS), source };
