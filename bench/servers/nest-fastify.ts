/**
 * The endpoints as NestJS users write them on @nestjs/platform-fastify: DTO classes with
 * class-validator, a global ValidationPipe (422 on failure), ClassSerializerInterceptor with
 * `@Exclude()` to keep the password in, an interceptor for the per-request database (released
 * in `finalize`), param decorators for currentUser/checkPermission, a middleware for the
 * header check and an interceptor for timing.
 */
import 'reflect-metadata';
import {
  Body, CallHandler, ClassSerializerInterceptor, Controller, createParamDecorator, ExecutionContext, Get,
  HttpCode, Injectable, MiddlewareConsumer, Module, NestInterceptor, NestMiddleware, NestModule, Param,
  ParseIntPipe, Post, Query, UnauthorizedException, UseInterceptors, ValidationPipe,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { IsArray, IsEmail, IsInt, IsOptional, IsString, Length, Max, Min, MinLength } from 'class-validator';
import { Exclude } from 'class-transformer';
import { finalize, tap, type Observable } from 'rxjs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { announce, newId, pool, port, variant, type Db, type User } from './shared';

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

type DbRequest = { db?: Db; headers: Record<string, string | string[] | undefined> };

@Injectable()
class DbInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<DbRequest>();
    const db = (request.db = pool.acquire());
    return next.handle().pipe(finalize(() => db.release()));
  }
}

const CurrentUser = createParamDecorator((_: unknown, context: ExecutionContext): User => {
  const request = context.switchToHttp().getRequest<DbRequest>();
  const token = request.headers['x-token'];
  const user = typeof token === 'string' ? request.db!.userByToken(token) : undefined;
  if (!user) throw new UnauthorizedException('Not authenticated');
  return user;
});

const Allowed = createParamDecorator((_: unknown, context: ExecutionContext): boolean => {
  const request = context.switchToHttp().getRequest<DbRequest>();
  const token = request.headers['x-token'];
  return request.db!.canRead(typeof token === 'string' ? request.db!.userByToken(token) : undefined);
});

@Controller()
class BenchController {
  @Get('hello')
  hello() {
    return { message: 'hello' };
  }

  @Get('items/:id')
  item(@Param('id', new ParseIntPipe({ errorHttpStatusCode: 422 })) id: number, @Query('q') q?: string) {
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

@Injectable()
class TimingInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const started = performance.now();
    const reply = context.switchToHttp().getResponse<{ header(name: string, value: string): unknown }>();
    return next.handle().pipe(tap(() => reply.header('x-process-time', (performance.now() - started).toFixed(3))));
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

async function main() {
  const mw = variant() === 'mw';
  const app = await NestFactory.create<NestFastifyApplication>(mw ? MiddlewareModule : MainModule, new FastifyAdapter(), { logger: false });
  app.useGlobalPipes(new ValidationPipe({ errorHttpStatusCode: 422 }));
  if (mw) app.useGlobalInterceptors(new TimingInterceptor());
  await app.listen(port(), '127.0.0.1');
  announce();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
