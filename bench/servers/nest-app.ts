/**
 * The endpoints as NestJS users write them, shared by both platforms (./nest-fastify.ts and
 * ./nest-express.ts only create the app with their adapter): DTO classes with class-validator,
 * a global ValidationPipe (422 on failure, unknown fields stripped, payloads transformed into
 * their DTO classes), ClassSerializerInterceptor with class-transformer entity classes for what
 * is answered, interceptors that open and close the per-request database (S5) and book
 * session (S8) in `finalize`, param decorators that hand them to the handler, a middleware for
 * the header check and an interceptor for timing (S6).
 *
 * S8's session is an interceptor rather than an `@Injectable({ scope: Scope.REQUEST })`
 * provider: Nest calls no lifecycle hook on request-scoped instances (they are left to the
 * garbage collector), so closing the session after the response needs an interceptor anyway,
 * and the same interceptor can open it. It is the pattern S5 uses here, and it counts open and
 * close once per request like the other servers' request-scoped dependencies.
 */
import 'reflect-metadata';
import {
  Body, CallHandler, ClassSerializerInterceptor, Controller, createParamDecorator, ExecutionContext, Get,
  HttpCode, Injectable, MiddlewareConsumer, Module, NestInterceptor, NestMiddleware, NestModule, NotFoundException,
  Param, ParseIntPipe, Post, Query, UnauthorizedException, UseInterceptors, ValidationPipe,
  type HttpServer, type INestApplication, type Type as ClassType,
} from '@nestjs/common';
import {
  ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsEmail, IsInt, IsNumber, IsOptional, IsString, Length, Matches,
  Max, MaxLength, Min, MinLength, ValidateNested,
} from 'class-validator';
import { Exclude, Expose, Type } from 'class-transformer';
import { finalize, tap, type Observable } from 'rxjs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  announce, listUsers, newId, openSession, pool, port, variant,
  type BookRow, type BookSession, type Db, type ListedUser, type User,
} from './shared';

// S3 / S4
class UserIn {
  @Length(1, 50) name!: string;
  @IsEmail() email!: string;
  @IsInt() @Min(0) @Max(150) age!: number;
  @MinLength(8) password!: string;
  @IsOptional() @IsArray() @IsString({ each: true }) tags?: string[];
}

class UserEntity {
  id!: number;
  name!: string;
  email!: string;
  age!: number;
  tags?: string[];
  @Exclude() password!: string;
  constructor(partial: Partial<UserEntity>) {
    Object.assign(this, partial);
  }
}

// S7: the query as a DTO (the ValidationPipe's `transform` makes it an instance, so the default applies).
class ListUsersQuery {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000) limit: number = 10;
}

// S7: the public view of a listed user. `@Exclude()` on the class exposes only the `@Expose()`d
// fields, so passwordHash, internalScore and address.internalCode are dropped by the serializer.
@Exclude()
class AddressEntity {
  @Expose() street!: string;
  @Expose() city!: string;
  @Expose() zip!: string;
}

@Exclude()
class ListedUserEntity {
  @Expose() id!: number;
  @Expose() name!: string;
  @Expose() email!: string;
  @Expose() age!: number;
  @Expose() active!: boolean;
  @Expose() @Type(() => Date) createdAt!: Date;
  // The source's address is a plain object: @Type tells the serializer which class's rules apply to it.
  @Expose() @Type(() => AddressEntity) address!: AddressEntity;
  @Expose() nickname?: string;
  constructor(source: ListedUser) {
    Object.assign(this, source);
  }
}

// S8: the row has every column; the two internal ones are excluded from the answer.
class BookEntity {
  id!: number;
  title!: string;
  author!: string;
  year!: number;
  isbn!: string;
  price!: number;
  @Exclude() stock!: number;
  @Exclude() internal_notes!: string;
  constructor(row: BookRow) {
    Object.assign(this, row);
  }
}

// S10: an order of nested DTOs; @ValidateNested validates them, @Type makes them instances of their class.
class AddressIn {
  @IsString() street!: string;
  @IsString() city!: string;
  @IsString() zip!: string;
}

class CustomerIn {
  @Length(1, 100) name!: string;
  @IsEmail() email!: string;
  @ValidateNested() @Type(() => AddressIn) address!: AddressIn;
}

class ItemOptionsIn {
  @IsBoolean() giftWrap!: boolean;
  @IsOptional() @IsString() @MaxLength(200) note?: string;
}

class OrderItemIn {
  @Matches(/^SKU-\d{6}$/) sku!: string;
  @Length(1, 200) name!: string;
  @IsInt() @Min(1) @Max(1000) quantity!: number;
  @IsNumber() @Min(0) unitPrice!: number;
  @IsArray() @IsString({ each: true }) tags!: string[];
  @IsOptional() @ValidateNested() @Type(() => ItemOptionsIn) options?: ItemOptionsIn;
}

class OrderIn {
  @ValidateNested() @Type(() => CustomerIn) customer!: CustomerIn;
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(1000) @ValidateNested({ each: true }) @Type(() => OrderItemIn) items!: OrderItemIn[];
  @IsOptional() @IsString() @MaxLength(500) note?: string;
}

/** What the interceptors hang on the request: Fastify's and Express's request objects both take it. */
type BenchRequest = { db?: Db; bookSession?: BookSession; headers: Record<string, string | string[] | undefined> };

const requestOf = (context: ExecutionContext): BenchRequest => context.switchToHttp().getRequest<BenchRequest>();

@Injectable()
class DbInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const db = (requestOf(context).db = pool.acquire());
    return next.handle().pipe(finalize(() => db.release()));
  }
}

/** Opens S8's session before the pipes and the handler; `finalize` closes it on success and on error (404, 422) alike. */
@Injectable()
class BookSessionInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const session = (requestOf(context).bookSession = openSession());
    return next.handle().pipe(finalize(() => session.close()));
  }
}

function dbOf(request: BenchRequest): Db {
  if (!request.db) throw new Error('DbInterceptor must run before this decorator');
  return request.db;
}

const tokenOf = (request: BenchRequest): string | undefined => {
  const token = request.headers['x-token'];
  return typeof token === 'string' ? token : undefined;
};

const CurrentUser = createParamDecorator((_: unknown, context: ExecutionContext): User => {
  const request = requestOf(context);
  const token = tokenOf(request);
  const user = token === undefined ? undefined : dbOf(request).userByToken(token);
  if (!user) throw new UnauthorizedException('Not authenticated');
  return user;
});

const Allowed = createParamDecorator((_: unknown, context: ExecutionContext): boolean => {
  const request = requestOf(context);
  const db = dbOf(request);
  const token = tokenOf(request);
  return db.canRead(token === undefined ? undefined : db.userByToken(token));
});

const CurrentBookSession = createParamDecorator((_: unknown, context: ExecutionContext): BookSession => {
  const session = requestOf(context).bookSession;
  if (!session) throw new Error('BookSessionInterceptor must run before this decorator');
  return session;
});

// The ValidationPipe answers 422 for bodies and queries; malformed path parameters get the same.
const intParam = () => new ParseIntPipe({ errorHttpStatusCode: 422 });

@Controller()
class BenchController {
  @Get('hello')
  hello() {
    return { message: 'hello' };
  }

  @Get('items/:id')
  item(@Param('id', intParam()) id: number, @Query('q') q?: string) {
    return { id, q: q ?? null };
  }

  @Post('users')
  @HttpCode(201)
  @UseInterceptors(ClassSerializerInterceptor)
  createUser(@Body() user: UserIn) {
    return new UserEntity({ id: newId(), ...user });
  }

  @Get('secure')
  @UseInterceptors(DbInterceptor)
  secure(@CurrentUser() user: User, @Allowed() allowed: boolean) {
    return { user: user.name, allowed };
  }

  @Get('users')
  @UseInterceptors(ClassSerializerInterceptor)
  users(@Query() query: ListUsersQuery) {
    return listUsers(query.limit).map((user) => new ListedUserEntity(user));
  }

  // The session interceptor is the inner one: the session is open around the handler, and the serializer gets its entity.
  @Get('books/:id')
  @UseInterceptors(ClassSerializerInterceptor, BookSessionInterceptor)
  book(@Param('id', intParam()) id: number, @CurrentBookSession() session: BookSession) {
    const row = session.getBook(id);
    if (!row) throw new NotFoundException('Book not found');
    return new BookEntity(row);
  }

  // A POST answers 201 by default; the receipt is built here, so there is nothing to serialize away.
  @Post('orders')
  order(@Body() order: OrderIn) {
    let total = 0;
    for (const item of order.items) total += item.quantity * item.unitPrice;
    return { orderId: newId(), items: order.items.length, total: Math.round(total * 100) / 100 };
  }

  @Get('_stats')
  stats() {
    return pool.stats();
  }
}

@Controller('mw')
class MiddlewaredController {
  @Get('hello')
  hello() {
    return { message: 'hello' };
  }
}

/** Nest hands middlewares the raw Node objects on Fastify and Express's (which extend them) on Express. */
@Injectable()
class DenyMiddleware implements NestMiddleware {
  use(request: IncomingMessage, response: ServerResponse, next: () => void) {
    if (request.headers['x-deny'] !== undefined) {
      response.statusCode = 403;
      response.setHeader('content-type', 'application/json; charset=utf-8');
      response.end('{"detail":"Forbidden"}');
      return;
    }
    next();
  }
}

/** Sets the header through the HTTP adapter, which knows its platform's response (Fastify's reply, Express's res). */
@Injectable()
class TimingInterceptor implements NestInterceptor {
  constructor(private readonly http: HttpServer) {}
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const started = performance.now();
    const response: unknown = context.switchToHttp().getResponse();
    return next.handle().pipe(tap(() => this.http.setHeader(response, 'x-process-time', (performance.now() - started).toFixed(3))));
  }
}

@Module({ controllers: [BenchController] })
class MainModule {}

@Module({ controllers: [MiddlewaredController] })
class MiddlewareModule implements NestModule {
  configure(consumer: MiddlewareConsumer) {
    consumer.apply(DenyMiddleware).forRoutes('*path');
  }
}

/** The root module of this process's variant (`mw`: S6; `main`: the rest). */
export const AppModule: ClassType = variant() === 'mw' ? MiddlewareModule : MainModule;

/** The app-wide set-up both platforms share, then listening; the entry files call it with their app. */
export async function start(app: INestApplication): Promise<void> {
  // `whitelist`: unknown fields are dropped, as Trellis's and zod's models drop them;
  // `transform`: handlers get DTO instances (S7's query with its default limit).
  app.useGlobalPipes(new ValidationPipe({ errorHttpStatusCode: 422, whitelist: true, transform: true }));
  if (variant() === 'mw') app.useGlobalInterceptors(new TimingInterceptor(app.getHttpAdapter()));
  await app.listen(port(), '127.0.0.1');
  announce();
}

export function exitOnError(error: unknown): never {
  console.error(error);
  process.exit(1);
}
