import 'reflect-metadata';
import {
  Body,
  Controller,
  Cookie,
  declareSecurityScheme,
  Delete,
  dependency,
  Depends,
  File,
  Form,
  Get,
  Header,
  HTTPBearer,
  HTTPException,
  Path,
  Post,
  Put,
  Query,
  Security,
  UploadFile,
  type Class,
} from '@trellis/metadata';
import { createApp, type TrellisApp } from '@trellis/fastify';
import { openapi, type OpenAPIOptions } from '@trellis/swagger';
import { Exclude, Type } from 'class-transformer';
import { IsEmail, IsIn, IsInt, IsOptional, IsString, Length, Min, MinLength } from 'class-validator';

/*
 * A test app that uses every kind of input the adapter documents: path, query (scalar,
 * list, enum, DTO), header, cookie, whole and embedded JSON bodies, form fields and files,
 * response models, extra responses, security schemes, hidden and deprecated routes.
 */

export enum Color {
  Red = 'red',
  Green = 'green',
}

export class UserIn {
  @Length(1, 50) name!: string;
  @IsEmail() email!: string;
  @IsInt() @Min(0) age!: number;
  @MinLength(8) password!: string;
}

export class UserOut {
  @IsInt() id!: number;
  @IsString() name!: string;
  @IsEmail() email!: string;
}

/** Input and output differ: the password is never sent back. */
export class Account {
  @IsString() login!: string;
  @Exclude({ toPlainOnly: true }) @MinLength(8) password!: string;
}

export class Problem {
  @IsString() detail!: string;
}

export class ListFilter {
  @IsOptional() @IsInt() @Min(1) page?: number;
  @IsOptional() @IsIn(['asc', 'desc']) sort?: string;
}

const pages = new Map<Function, Class>();

/** A generic envelope: one named class per item class (`Page_UserOut`), reused on every call. */
export function Page<T>(item: Class<T>): Class<{ items: T[]; total: number }> {
  const existing = pages.get(item);
  if (existing) return existing as Class<{ items: T[]; total: number }>;
  class PageOf {
    @Type(() => item) items!: T[];
    @IsInt() @Min(0) total!: number;
  }
  Object.defineProperty(PageOf, 'name', { value: `Page_${item.name}` });
  pages.set(item, PageOf);
  return PageOf;
}

export const apiKey = declareSecurityScheme(
  dependency({ key: Header('x-api-key') }, ({ key }) => {
    if (key !== 'secret') throw new HTTPException(403, 'Bad key');
    return key;
  }),
  { name: 'ApiKey', scheme: { type: 'apiKey', in: 'header', name: 'x-api-key' } },
);

const bearer = HTTPBearer({ bearerFormat: 'JWT' });

@Controller('/users', { tags: ['users'] })
class Users {
  @Post('', { status: 201, responseModel: UserOut, summary: 'Create a user', description: 'Creates **one** user.' })
  create(@Body() user: UserIn) {
    return { id: 1, ...user };
  }

  @Get('/:id', { responseModel: UserOut, responses: { 404: { model: Problem, description: 'No such user' } } })
  get(@Path('id', { type: 'integer', minimum: 1 }) id: number) {
    if (id !== 1) throw new HTTPException(404, 'No such user');
    return { id, name: 'Ada', email: 'ada@example.com', password: 'hidden' };
  }

  @Get('', { responseModel: Page(UserOut) })
  listUsers(@Query() filter: ListFilter) {
    return { items: [{ id: 1, name: 'Ada', email: 'ada@example.com' }], total: filter.page ?? 1 };
  }

  @Post('/import', { status: 202 })
  importUsers(@Body(undefined, { type: Page(UserIn) }) page: { items: UserIn[]; total: number }) {
    return { imported: page.items.length };
  }
}

@Controller('/params', { tags: ['params'] })
class Params {
  @Get('/:kind', { operationId: 'everyParameter' })
  every(
    @Path('kind', { enum: Color }) kind: Color,
    @Query('q', { maxLength: 20, pattern: '^[a-z]+$', description: 'Search text', example: 'abc' }) q: string,
    @Query('limit', { type: 'integer', default: 10, minimum: 1, maximum: 100 }) limit: number,
    @Query('tag', { type: ['string'], optional: true }) tags: string[] | undefined,
    @Query('ratio', { type: 'number', optional: true, exclusiveMinimum: 0, exclusiveMaximum: 1 }) ratio: number | undefined,
    @Query('since', { type: 'date', optional: true }) since: Date | undefined,
    @Query('old', { type: 'string', optional: true, deprecated: true }) old: string | undefined,
    @Query('hidden', { type: 'string', optional: true, includeInSchema: false }) hidden: string | undefined,
    @Header('X-Token') token: string,
    @Cookie('session', { type: 'string', optional: true }) session: string | undefined,
  ) {
    return { kind, q, limit, tags, ratio, since, old, hidden, token, session };
  }

  @Put('/embedded/:id')
  embedded(
    @Path('id', { type: 'integer' }) id: number,
    @Body('user') user: UserIn,
    @Body('importance', { type: 'integer', minimum: 1 }) importance: number,
  ) {
    return { id, user, importance };
  }

  @Post('/form')
  form(@Form('username', { minLength: 3 }) username: string, @File('avatar') avatar: UploadFile) {
    return { username, avatar: avatar.filename };
  }

  @Post('/accounts', { responseModel: Account })
  account(@Body() account: Account) {
    return account;
  }

  @Post('/batch', { responseModel: [UserOut] })
  batch(@Body(undefined, { type: [UserIn] }) users: UserIn[]) {
    return users.map((user, index) => ({ id: index + 1, ...user }));
  }

  @Delete('/items/:id', { status: 204, deprecated: true })
  remove(@Path('id', { type: 'integer' }) id: number) {
    void id;
  }

  @Get('/internal', { includeInSchema: false })
  internal() {
    return { ok: true };
  }

  @Get('/plain')
  plain() {
    return 'plain';
  }
}

@Controller('/secure', { tags: ['secure'] })
class Secure {
  @Get('/key')
  withKey(@Depends(apiKey) key: string) {
    return { key };
  }

  @Get('/token', { dependencies: [Security(bearer, { scopes: ['read'] })] })
  withToken() {
    return { ok: true };
  }
}

/** The catalog app with the given `openapi()` options (defaults when omitted). */
export function buildCatalogApp(options: OpenAPIOptions = {}): TrellisApp {
  const app = createApp({ title: 'Catalog', version: '2.1.0', description: 'Every input kind, documented.' });
  app.include(Users, { prefix: '/v1' }).include(Users, { prefix: '/v2' }).include(Params).include(Secure);
  return app.use(openapi(options));
}
