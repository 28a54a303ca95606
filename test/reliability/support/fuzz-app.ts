import 'reflect-metadata';
import {
  BackgroundTasks,
  Body,
  Controller,
  Cookie,
  Depends,
  dependency,
  Get,
  Header,
  ModelConfig,
  Path,
  Post,
  Put,
  Query,
} from '@trellis/metadata';
import { createApp, type TrellisApp } from '@trellis/fastify';
import { Type } from 'class-transformer';
import { SurfacesController, welcomeTask } from './fuzz-surfaces';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDate,
  IsEmail,
  IsEnum,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';

/*
 * One app that reads every parameter source with every kind of type Trellis knows, so the
 * fuzzers can aim at all of them: path, query (scalars, lists, a query DTO), headers,
 * cookies, whole and embedded JSON bodies with nested DTOs, arrays of DTOs, enums,
 * optional fields, extra-forbid, integer/number/boolean/date/bigint, a self-referencing
 * DTO, and a dependency with its own inputs and a generator cleanup.
 */

export enum Color {
  Red = 'red',
  Green = 'green',
  Blue = 'blue',
}

export class Address {
  @IsString() @Length(1, 40) street!: string;
  @IsInt() @Min(0) @Max(99999) zip!: number;
  @IsOptional() @IsString() city?: string;
}

@ModelConfig({ extra: 'forbid' })
export class Tag {
  @IsString() @Length(1, 20) name!: string;
  @IsEnum(Color) color!: Color;
}

export class Order {
  @IsInt() @Min(1) qty!: number;
  @IsNumber() price!: number;
  @IsBoolean() gift!: boolean;
  @IsDate() @Type(() => Date) when!: Date;
  @IsEmail() email!: string;
  @ValidateNested() @Type(() => Address) address!: Address;
  @IsArray() @ValidateNested({ each: true }) @Type(() => Tag) tags!: Tag[];
  @IsOptional() @IsString() @Matches(/^[a-z ]*$/) note?: string;
  @IsOptional() @IsEnum(Color) color?: Color;
  @IsOptional() @IsArray() @ArrayMaxSize(50) @IsInt({ each: true }) scores?: number[];
  @IsOptional() big?: bigint;
}

/** Self-referencing: the nesting-depth limit is what stops a deep body. */
export class TreeNode {
  @IsString() label!: string;
  @IsOptional() @ValidateNested() @Type(() => TreeNode) child?: TreeNode;
  @IsOptional() @IsArray() @ValidateNested({ each: true }) @Type(() => TreeNode) children?: TreeNode[];
}

export class Filters {
  @IsOptional() @IsInt() @Min(0) limit?: number;
  @IsOptional() @IsNumber() ratio?: number;
  @IsOptional() @IsBoolean() flag?: boolean;
  @IsOptional() @IsString() @Length(0, 30) q?: string;
  @IsOptional() @IsEnum(Color) color?: Color;
  @IsOptional() @IsArray() @IsString({ each: true }) tag?: string[];
}

/** Counters the fuzz and fault suites read. */
export const counters = { cleanups: 0, dependencyCalls: 0, tasks: 0 };

async function* session() {
  counters.dependencyCalls++;
  try {
    yield { id: 'session' };
  } finally {
    counters.cleanups++;
  }
}

const caller = dependency(
  {
    token: Header('x-token', { type: 'string', optional: true, maxLength: 64 }),
    page: Query('page', { type: 'integer', default: 1, minimum: 1, maximum: 1000 }),
    db: Depends(session),
  },
  ({ token, page, db }) => ({ token: token ?? null, page, db: db.id }),
);

@Controller('/fuzz')
export class FuzzController {
  @Get('/path/:id/:name/:flag')
  path(
    @Path('id', { type: 'integer', minimum: 0 }) id: number,
    @Path('name', { maxLength: 20 }) name: string,
    @Path('flag', { type: 'boolean' }) flag: boolean,
  ) {
    return { id, name, flag };
  }

  @Get('/path-num/:x/:when/:big/:color')
  pathNum(
    @Path('x', { type: 'number' }) x: number,
    @Path('when', { type: 'date' }) when: Date,
    @Path('big', { type: 'bigint' }) big: bigint,
    @Path('color', { enum: Color }) color: Color,
  ) {
    return { x, when, big: big.toString(), color };
  }

  @Get('/query')
  query(
    @Query('limit', { type: 'integer', default: 10, minimum: 1, maximum: 100 }) limit: number,
    @Query('ratio', { type: 'number', optional: true }) ratio: number | undefined,
    @Query('flag', { type: 'boolean', optional: true }) flag: boolean | undefined,
    @Query('when', { type: 'date', optional: true }) when: Date | undefined,
    @Query('big', { type: 'bigint', optional: true }) big: bigint | undefined,
    @Query('color', { enum: Color, optional: true }) color: Color | undefined,
    @Query('tag', { type: ['string'], optional: true }) tag: string[] | undefined,
    @Query('n', { type: ['integer'], optional: true }) n: number[] | undefined,
    @Query('q', { type: 'string', optional: true, maxLength: 50, pattern: '^[\\w ]*$' }) q: string | undefined,
  ) {
    return { limit, ratio, flag, when, big: big?.toString(), color, tag, n, q };
  }

  @Get('/query-model')
  queryModel(@Query() filters: Filters) {
    return filters;
  }

  @Get('/headers')
  headers(
    @Header('x-count', { type: 'integer', optional: true }) count: number | undefined,
    @Header('x-ratio', { type: 'number', optional: true }) ratio: number | undefined,
    @Header('x-list', { type: ['string'], optional: true }) list: string[] | undefined,
    @Header('user-agent', { type: 'string', optional: true }) agent: string | undefined,
    @Depends(caller) who: { token: string | null; page: number; db: string },
  ) {
    return { count, ratio, list, agent, who };
  }

  @Get('/cookies')
  cookies(
    @Cookie('session', { type: 'string', optional: true, maxLength: 100 }) sessionId: string | undefined,
    @Cookie('n', { type: 'integer', optional: true }) n: number | undefined,
    @Cookie('flag', { type: 'boolean', default: false }) flag: boolean,
  ) {
    return { session: sessionId, n, flag };
  }

  @Post('/order')
  order(@Body() order: Order, tasks: BackgroundTasks) {
    tasks.addTask(() => {
      counters.tasks++;
    });
    return { qty: order.qty, tags: order.tags.length, big: order.big?.toString(), when: order.when };
  }

  @Post('/orders')
  orders(@Body(undefined, { type: [Order] }) orders: Order[]) {
    return { count: orders.length };
  }

  @Post('/tree')
  tree(@Body() node: TreeNode) {
    let depth = 0;
    for (let current: TreeNode | undefined = node; current; current = current.child) depth++;
    return { depth };
  }

  @Put('/embed')
  embed(
    @Body('a', { type: 'integer', minimum: 0 }) a: number,
    @Body('b', { type: 'string', optional: true, maxLength: 10 }) b: string | undefined,
    @Body('tags', { type: ['string'], optional: true }) tags: string[] | undefined,
  ) {
    return { a, b, tags };
  }

  @Post('/any')
  any(@Body('payload', { type: 'any', optional: true }) payload: unknown) {
    return { kind: Array.isArray(payload) ? 'array' : payload === null ? 'null' : typeof payload };
  }
}

/** The app under fuzz; `logs` receives every line the app logs at error level. */
export function buildFuzzApp(logs: string[] = []): TrellisApp {
  const app = createApp({
    tasks: [welcomeTask],
    fastify: {
      logger: { level: 'error', stream: { write: (line: string) => void logs.push(line) } },
    },
  });
  app.include(FuzzController);
  app.include(SurfacesController);
  return app;
}
