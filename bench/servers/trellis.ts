/**
 * The endpoints as a Trellis user writes them, against this repo's built packages
 * (`packages/*\/dist`, resolved through the root workspace). class-validator and
 * reflect-metadata are loaded from the same place as @trellis/fastify, so the app and the
 * framework share one copy (bench/node_modules holds NestJS's).
 */
import { createRequire } from 'node:module';
import type * as ClassValidator from 'class-validator';
import { Body, Controller, Depends, Get, Header, HTTPException, JSONResponse, Path, Post, Query, dependency } from '@trellis/metadata';
import { createApp, type MiddlewareFunction } from '@trellis/fastify';
import { announce, newId, pool, port, variant, type Db } from './shared';

const fromTrellis = createRequire(require.resolve('@trellis/fastify'));
fromTrellis('reflect-metadata');
const { IsArray, IsEmail, IsInt, IsOptional, IsString, Length, Max, Min, MinLength } = fromTrellis('class-validator') as typeof ClassValidator;

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

@Controller()
class Bench {
  @Get('/hello')
  hello() {
    return { message: 'hello' };
  }

  @Get('/items/:id')
  item(@Path('id', { type: 'integer' }) id: number, @Query('q', { type: 'string', default: null }) q: string | null) {
    return { id, q };
  }

  @Post('/users', { status: 201, response: UserOut })
  createUser(@Body() user: UserIn) {
    // Returned with the password: the response model must filter it out.
    return { id: newId(), ...user };
  }

  @Get('/secure')
  secure(@Depends(currentUser) user: { name: string }, @Depends(checkPermission) allowed: boolean) {
    return { user: user.name, allowed };
  }

  @Get('/_stats')
  stats() {
    return pool.stats();
  }
}

@Controller('/mw')
class Middlewared {
  @Get('/hello')
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
