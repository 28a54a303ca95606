import 'reflect-metadata';
import { Body, Controller, Get, HTTPException, Path, Post, Query } from '@trellis/metadata';
import { createApp } from '@trellis/fastify';
import { IsEmail, IsInt, Length, Min } from 'class-validator';

class UserIn {
  @Length(1, 50) name!: string;
  @IsEmail() email!: string;
  @IsInt() @Min(0) age!: number;
}

@Controller('/users', { tags: ['users'] })
class Users {
  private readonly users = new Map<number, UserIn>();

  @Post('', { status: 201 })
  create(@Body() user: UserIn) {
    const id = this.users.size + 1;
    this.users.set(id, user);
    return { id, ...user };
  }

  @Get('/:id')                      // FastAPI's '/{id}' works too
  get(@Path('id', { type: 'integer' }) id: number) {
    const user = this.users.get(id);
    if (!user) throw new HTTPException(404, 'User not found');
    return user;
  }

  @Get('')
  list(@Query('limit', { type: 'integer', default: 10, minimum: 1, maximum: 100 }) limit: number) {
    return [...this.users.values()].slice(0, limit);
  }
}

export const app = createApp({ title: 'Shop' });
app.include(Users, { prefix: '/v1' });
if (require.main === module) void app.listen({ port: 8000 }); // 127.0.0.1 by default
