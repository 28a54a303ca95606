import 'reflect-metadata';
import {
  BackgroundTasks,
  Body,
  Controller,
  Cookie,
  defineTask,
  discriminatedUnion,
  Get,
  Header,
  ModelConfig,
  Path,
  Post,
  Query,
  Req,
} from '@trellis/metadata';
import type { Request } from '@trellis/fastify';
import { Expose, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsNumber, IsOptional, IsString, Length, Max, MaxLength, Min, ValidateNested } from 'class-validator';

/*
 * The surfaces added after the first fuzzing round (issue 21, point 5), for the fuzz
 * suites to attack: discriminated unions (a field, a list field, a whole body, nested),
 * scalar unions, query/header/cookie parameter models with extra: 'forbid', `{ type:
 * 'object' }` and `{ type: 'any' }` bodies, lax coercion, `@Expose({ name })` aliases,
 * a streamed request body and a named task whose DTO input comes from the request.
 */

export class Cat {
  @IsIn(['cat']) pet_type!: 'cat';
  @IsBoolean() meows!: boolean;
  @IsOptional() @IsString() @MaxLength(20) @Expose({ name: 'nickName' }) nick?: string;
}

export class Dog {
  @IsIn(['dog']) pet_type!: 'dog';
  @IsInt() @Min(0) barks!: number;
  @IsOptional() @IsNumber() weight?: number;
}

/** A variant that holds another union: the tag is read at each level. */
export class Lizard {
  @IsIn(['lizard']) pet_type!: 'lizard';
  @IsOptional() @ValidateNested() @Type(() => Object, { discriminator: { property: 'pet_type', subTypes: [{ value: Cat, name: 'cat' }, { value: Dog, name: 'dog' }] }, keepDiscriminatorProperty: true })
  prey?: Cat | Dog;
}

const petDiscriminator = {
  property: 'pet_type',
  subTypes: [
    { value: Cat, name: 'cat' },
    { value: Dog, name: 'dog' },
    { value: Lizard, name: 'lizard' },
  ],
};

export const Pet = discriminatedUnion(petDiscriminator);

@ModelConfig({ extra: 'forbid' })
export class Owner {
  @IsString() @Length(1, 30) name!: string;
  @ValidateNested() @Type(() => Object, { discriminator: petDiscriminator, keepDiscriminatorProperty: true }) pet!: Cat | Dog | Lizard;
  @IsOptional() @ValidateNested({ each: true }) @Type(() => Object, { discriminator: petDiscriminator, keepDiscriminatorProperty: true }) pets?: (Cat | Dog | Lizard)[];
  @IsOptional() @IsInt() @Expose({ name: 'ownerAge' }) age?: number;
}

/** Lax mode: numbers, integers and booleans from strings, floats and booleans. */
export class LaxValues {
  @IsInt() @Min(-1000) @Max(1_000_000) count!: number;
  @IsNumber() ratio!: number;
  @IsBoolean() flag!: boolean;
  @IsOptional() @IsString() @Expose({ name: 'label-text' }) label?: string;
}

@ModelConfig({ strict: true })
export class StrictValues {
  @IsInt() count!: number;
  @IsBoolean() flag!: boolean;
}

@ModelConfig({ extra: 'forbid' })
export class QueryParams {
  @IsOptional() @IsInt() @Min(1) @Max(100) limit: number = 10;
  @IsOptional() @IsIn(['asc', 'desc']) order: string = 'asc';
  @IsOptional() @IsString({ each: true }) tag: string[] = [];
  @IsOptional() @IsBoolean() @Expose({ name: 'only-active' }) onlyActive?: boolean;
}

export class HeaderParams {
  @IsOptional() @IsString() host?: string;
  @IsOptional() @IsBoolean() save_data?: boolean;
  @IsOptional() @IsInt() x_count?: number;
  @IsOptional() @IsString({ each: true }) x_tag: string[] = [];
}

/** Header models with extra: 'forbid' count every header sent: the ones inject adds are declared. */
@ModelConfig({ extra: 'forbid' })
export class StrictHeaderParams {
  @IsOptional() @IsString() host?: string;
  @IsOptional() @IsString() user_agent?: string;
  @IsOptional() @IsString() cookie?: string;
  @IsOptional() @IsInt() x_count?: number;
}

@ModelConfig({ extra: 'forbid' })
export class CookieParams {
  @IsString() @MaxLength(64) session_id!: string;
  @IsOptional() @IsInt() visits?: number;
}

export class WelcomeIn {
  @IsString() @Length(1, 40) to!: string;
  @IsOptional() @IsInt() @Min(0) times?: number;
  @IsOptional() @IsBoolean() @Expose({ name: 'loud-mode' }) loud?: boolean;
  @IsOptional() @ValidateNested() @Type(() => Object, { discriminator: petDiscriminator, keepDiscriminatorProperty: true }) pet?: Cat | Dog | Lizard;
}

/** What the in-process task saw; the suite checks every accepted request ran its task. */
export const surfaceCounters = { tasksAdded: 0, tasksRun: 0 };

export const welcomeTask = defineTask('fuzz-welcome', { input: WelcomeIn }, async (input) => {
  if (!(input instanceof WelcomeIn)) throw new Error('the task input is not a WelcomeIn');
  surfaceCounters.tasksRun++;
});

@Controller('/new')
export class SurfacesController {
  @Post('/owner')
  owner(@Body() owner: Owner) {
    return { name: owner.name, pet: owner.pet.constructor.name, pets: owner.pets?.length ?? 0 };
  }

  @Post('/pet', { responseModel: Pet })
  pet(@Body(undefined, { type: Pet }) pet: Cat | Dog | Lizard) {
    return pet;
  }

  @Post('/pets', { responseModel: [Pet] })
  pets(@Body(undefined, { type: [Pet] }) pets: (Cat | Dog | Lizard)[]) {
    return pets;
  }

  @Get('/ref/:ref')
  ref(
    @Path('ref', { type: ['integer', 'string'] }) ref: number | string,
    @Query('v', { type: ['integer', 'boolean'], optional: true }) v: number | boolean | undefined,
    @Query('w', { type: [['number', 'boolean']], optional: true }) w: (number | boolean)[] | undefined,
    @Query('lr', { type: ['integer', 'string'], unionMode: 'left_to_right', optional: true, maxLength: 8, minimum: 0 }) lr: number | string | undefined,
    @Header('x-ref', { type: ['number', 'boolean'], optional: true }) xref: number | boolean | undefined,
    @Cookie('c', { type: ['integer', 'boolean'], optional: true }) c: number | boolean | undefined,
  ) {
    return { ref, v, w, lr, xref, c };
  }

  @Post('/scalar-body')
  scalarBody(@Body('u', { type: ['integer', 'string'] }) u: number | string, @Body('b', { type: ['boolean', 'number'], optional: true }) b: boolean | number | undefined) {
    return { u, b };
  }

  @Get('/query-model')
  queryModel(@Query() params: QueryParams) {
    return params;
  }

  @Get('/header-model')
  headerModel(@Header() params: HeaderParams) {
    return params;
  }

  @Get('/header-model-strict')
  headerModelStrict(@Header() params: StrictHeaderParams) {
    return { x_count: params.x_count ?? null };
  }

  @Get('/cookie-model')
  cookieModel(@Cookie() params: CookieParams) {
    return params;
  }

  @Post('/object')
  object(@Body(undefined, { type: 'object' }) body: Record<string, unknown>) {
    return { keys: Object.keys(body).length };
  }

  @Post('/objects')
  objects(@Body('items', { type: ['object'] }) items: Record<string, unknown>[], @Body('meta', { type: 'any', optional: true }) meta: unknown) {
    return { items: items.length, meta: meta === undefined ? 'absent' : typeof meta };
  }

  @Post('/any')
  any(@Body(undefined, { type: 'any' }) body: unknown) {
    return { kind: Array.isArray(body) ? 'array' : body === null ? 'null' : typeof body };
  }

  @Post('/lax')
  lax(@Body() values: LaxValues) {
    return values;
  }

  @Post('/strict')
  strict(@Body() values: StrictValues) {
    return values;
  }

  @Post('/stream', { streamBody: { limit: 64 * 1024 } })
  async stream(@Req() request: Request) {
    let bytes = 0;
    for await (const chunk of request.stream()) bytes += chunk.length;
    return { bytes };
  }

  @Post('/task', { status: 202 })
  task(@Body() input: WelcomeIn, tasks: BackgroundTasks) {
    // The body passed validation; the task validates the same fields again and must agree.
    tasks.add(welcomeTask, { to: input.to, times: input.times, loud: input.loud, pet: input.pet });
    surfaceCounters.tasksAdded++;
    return { queued: true };
  }
}
