import 'reflect-metadata';
import { Body, Controller, Header, Post, Query } from '@trellis/metadata';
import { createApp } from '@trellis/fastify';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsEmail, IsInt, IsString, Length, Min, ValidateNested } from 'class-validator';

class Address {
  @IsString() @Length(5, 5) zip!: string;
}

class UserIn {
  @Length(1, 50) name!: string;
  @IsEmail() email!: string;
  @IsInt() @Min(0) age!: number;
  @ValidateNested() @Type(() => Address) address!: Address;
  @IsString({ each: true }) @ArrayMaxSize(3) tags!: string[];
}

@Controller('/users')
class Users {
  @Post('')
  create(@Body() user: UserIn, @Query('notify', { default: false }) notify: boolean, @Header('x-request-id') requestId: string) {
    return { user, notify, requestId };
  }
}

export const app = createApp().include(Users);
