/**
 * The endpoints as a Trellis user writes them, against this repo's built packages
 * (`packages/*\/dist`, resolved through the root workspace). class-validator and
 * reflect-metadata are loaded from the same place as @trellis/fastify, so the app and the
 * framework share one copy (bench/node_modules holds NestJS's).
 */
import { createRequire } from 'node:module';
import type * as ClassTransformer from 'class-transformer';
import type * as ClassValidator from 'class-validator';
import { Body, Controller, Depends, Get, Header, HTTPException, JSONResponse, Path, Post, Query, dependency } from '@trellis/metadata';
import { createApp, type MiddlewareFunction } from '@trellis/fastify';
import { announce, listUsers, newId, openSession, pool, port, variant, type BookSession, type Db } from './shared';

const fromTrellis = createRequire(require.resolve('@trellis/fastify'));
fromTrellis('reflect-metadata');
const { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsDate, IsEmail, IsInt, IsNumber, IsOptional, IsString, Length, Matches, Max, MaxLength, Min, MinLength, ValidateNested } = fromTrellis('class-validator') as typeof ClassValidator;
const { Type } = fromTrellis('class-transformer') as typeof ClassTransformer;

class UserIn {
  @Length(1, 50) name!: string;
  @IsEmail() email!: string;
  @IsInt() @Min(0) @Max(150) age!: number;
  @MinLength(8) password!: string;
  @IsOptional() @IsArray() @IsString({ each: true }) tags?: string[];
}

class UserOut {
  @IsInt() id!: number;
  @IsString() name!: string;
  @IsString() email!: string;
  @IsInt() age!: number;
  @IsOptional() @IsArray() @IsString({ each: true }) tags?: string[];
}

// S7: the public view of a listed user (the source objects carry more).
class AddressOut {
  @IsString() street!: string;
  @IsString() city!: string;
  @IsString() zip!: string;
}

class ListedUserOut {
  @IsInt() id!: number;
  @IsString() name!: string;
  @IsString() email!: string;
  @IsInt() age!: number;
  @IsBoolean() active!: boolean;
  @IsDate() createdAt!: Date;
  @ValidateNested() @Type(() => AddressOut) address!: AddressOut;
  @IsOptional() @IsString() nickname?: string;
}

// S8: the book as answered (the row also has stock and internal_notes).
class BookOut {
  @IsInt() id!: number;
  @IsString() title!: string;
  @IsString() author!: string;
  @IsInt() year!: number;
  @IsString() isbn!: string;
  @IsNumber() price!: number;
}

async function* bookSession(): AsyncGenerator<BookSession> {
  const session = openSession();
  try {
    yield session;
  } finally {
    session.close();
  }
}

// S10: an order of nested DTOs.
class Address {
  @IsString() street!: string;
  @IsString() city!: string;
  @IsString() zip!: string;
}

class Customer {
  @Length(1, 100) name!: string;
  @IsEmail() email!: string;
  @ValidateNested() @Type(() => Address) address!: Address;
}

class ItemOptions {
  @IsBoolean() giftWrap!: boolean;
  @IsOptional() @IsString() @MaxLength(200) note?: string;
}

class Item {
  @Matches(/^SKU-\d{6}$/) sku!: string;
  @Length(1, 200) name!: string;
  @IsInt() @Min(1) @Max(1000) quantity!: number;
  @IsNumber() @Min(0) unitPrice!: number;
  @IsString({ each: true }) tags!: string[];
  @IsOptional() @ValidateNested() @Type(() => ItemOptions) options?: ItemOptions;
}

class Order {
  @ValidateNested() @Type(() => Customer) customer!: Customer;
  @ValidateNested({ each: true }) @ArrayMinSize(1) @ArrayMaxSize(1000) @Type(() => Item) items!: Item[];
  @IsOptional() @IsString() @MaxLength(500) note?: string;
}

class OrderReceipt {
  @IsInt() orderId!: number;
  @IsInt() items!: number;
  @IsNumber() total!: number;
}

async function* getDb(): AsyncGenerator<Db> {
  const db = pool.acquire();
  try {
    yield db;
  } finally {
    db.release();
  }
}

const currentUser = dependency({ db: Depends(getDb), token: Header('x-token') }, ({ db, token }) => {
  const user = db.userByToken(token);
  if (!user) throw new HTTPException(401, 'Not authenticated', { 'WWW-Authenticate': 'Bearer' });
  return user;
});

const checkPermission = dependency({ db: Depends(getDb), user: Depends(currentUser) }, ({ db, user }) => db.canRead(user));

// S1 and S6: the greeting, declared as raw Fastify declares its response schema.
class Message {
  @IsString() message!: string;
}

@Controller()
class Bench {
  @Get('/hello', { responseModel: Message })
  hello() {
    return { message: 'hello' };
  }

  @Get('/items/:id')
  item(@Path('id', { type: 'integer' }) id: number, @Query('q', { type: 'string', default: null }) q: string | null) {
    return { id, q };
  }

  @Post('/users', { status: 201, responseModel: UserOut })
  createUser(@Body() user: UserIn) {
    // Returned with the password: the response model must filter it out.
    return { id: newId(), ...user };
  }

  @Get('/secure')
  secure(@Depends(currentUser) user: { name: string }, @Depends(checkPermission) allowed: boolean) {
    return { user: user.name, allowed };
  }

  @Get('/users', { responseModel: [ListedUserOut] })
  users(@Query('limit', { type: 'integer', default: 10, minimum: 1, maximum: 1000 }) limit: number) {
    return listUsers(limit);
  }

  @Get('/books/:id', { responseModel: BookOut })
  book(@Path('id', { type: 'integer' }) id: number, @Depends(bookSession) session: BookSession) {
    const book = session.getBook(id);
    if (!book) throw new HTTPException(404, 'Book not found');
    return book;
  }

  @Post('/orders', { status: 201, responseModel: OrderReceipt })
  order(@Body() order: Order) {
    let total = 0;
    for (const item of order.items) total += item.quantity * item.unitPrice;
    return { orderId: newId(), items: order.items.length, total: Math.round(total * 100) / 100 };
  }

  @Get('/_stats')
  stats() {
    return pool.stats();
  }
}

@Controller('/mw')
class Middlewared {
  @Get('/hello', { responseModel: Message })
  hello() {
    return { message: 'hello' };
  }
}

const app = createApp({ title: 'bench', fastify: { logger: false } });
if (variant() === 'mw') {
  app.include(Middlewared);
  const denyCheck: MiddlewareFunction = async (request, callNext) => {
    if (request.headers['x-deny'] !== undefined) return new JSONResponse({ detail: 'Forbidden' }, { status: 403 });
    return callNext(request);
  };
  const timing: MiddlewareFunction = async (request, callNext) => {
    const started = performance.now();
    const response = await callNext(request);
    response.setHeader('x-process-time', (performance.now() - started).toFixed(3));
    return response;
  };
  app.addMiddleware(denyCheck); // inner
  app.addMiddleware(timing); // outermost (last added)
} else {
  app.include(Bench);
}

app.listen({ port: port(), host: '127.0.0.1' }).then(announce, (error: unknown) => {
  console.error(error);
  process.exit(1);
});
