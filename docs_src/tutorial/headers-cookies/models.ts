import 'reflect-metadata';
import { Controller, Cookie, Get, Header, ModelConfig } from '@trellis/metadata';
import { createApp } from '@trellis/fastify';
import { openapi } from '@trellis/swagger';
import { IsBoolean, IsOptional, IsString } from 'class-validator';

// #region headers
class CommonHeaders {
  @IsString() host!: string;
  @IsBoolean() save_data!: boolean; // reads the `save-data` header
  @IsOptional() @IsString() if_modified_since?: string; // `if-modified-since`
  @IsOptional() @IsString({ each: true }) x_tag: string[] = []; // every `x-tag` header
}
// #endregion headers

// #region cookies
@ModelConfig({ extra: 'forbid' }) // any other cookie is a 422
class Cookies {
  @IsString() session_id!: string;
  @IsOptional() @IsString() fatebook_tracker?: string;
}
// #endregion cookies

@Controller('/items')
class Items {
  @Get('/headers')
  headers(@Header() headers: CommonHeaders) {
    return headers;
  }

  @Get('/cookies')
  cookies(@Cookie() cookies: Cookies) {
    return cookies;
  }
}

export const app = createApp().include(Items).use(openapi());
