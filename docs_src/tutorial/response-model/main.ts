import 'reflect-metadata';
import { Body, Controller, Get, Post } from '@trellis/metadata';
import { createApp } from '@trellis/fastify';
import { Expose, Type } from 'class-transformer';
import { IsEmail, IsInt, IsOptional, IsString, MinLength, ValidateNested } from 'class-validator';

// #region models
class UserIn {
  @IsString() name!: string;
  @IsEmail() email!: string;
  @MinLength(8) password!: string;
}

class Address {
  @IsString() city!: string;
}

class UserOut {
  @IsInt() id!: number;
  @IsString() name!: string;
  @IsEmail() email!: string;
  @IsOptional() @ValidateNested() @Type(() => Address) address?: Address;
  @IsOptional() @IsString() @Expose({ name: 'display_name' }) displayName?: string;
}
// #endregion models

const users = [{ id: 1, name: 'Ada', email: 'ada@example.com', password: 'correct horse', address: { city: 'London', zip: 'N1' } }];

@Controller('/users')
class Users {
  // #region create
  @Post('', { status: 201, responseModel: UserOut })
  create(@Body() user: UserIn) {
    return { id: users.length + 1, ...user }; // the password is not in UserOut: it never leaves
  }
  // #endregion create

  // #region list
  @Get('', { responseModel: [UserOut], responseExcludeNone: true })
  list() {
    return users;
  }
  // #endregion list
}

export const app = createApp().include(Users);
