import 'reflect-metadata';
import { Body, Controller, Get, HTTPException, Path, Post } from '@trellis/metadata';
import { createApp } from '@trellis/fastify';
import { openapi } from '@trellis/swagger';
import { IsEmail, IsInt, Length, Min } from 'class-validator';

class UserIn {
  @Length(1, 50) name!: string;
  @IsEmail() email!: string;
  @IsInt() @Min(0) age!: number;
}

@Controller('/users')
class Users {
  private readonly users: UserIn[] = [];

  @Post('', { status: 201 })
  create(@Body() user: UserIn) {
    this.users.push(user);
    return { id: this.users.length, ...user };
  }

  @Get('/:id')
  read(@Path('id', { type: 'integer' }) id: number) {
    const user = this.users[id - 1];
    if (!user) throw new HTTPException(404, 'User not found');
    return user;
  }
}

export const app = createApp({ title: 'Shop' }).include(Users).use(openapi());
if (require.main === module) void app.listen(); // http://127.0.0.1:8000, docs at /docs
