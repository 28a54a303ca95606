import 'reflect-metadata';
import { defineSettings } from '@trellis/fastify';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';

// #region settings
export class Settings {
  @IsInt() @Min(0) @Max(65535) PORT = 8000; // "8080" in the environment arrives as 8080
  @IsString() HOST = '127.0.0.1';
  @IsString() DATABASE_PATH = 'shop.sqlite';
  @IsIn(['error', 'warn', 'info', 'debug']) LOG_LEVEL = 'warn';
  @IsOptional() @Matches(/^rediss?:\/\//) REDIS_URL?: string; // optional: no default, may be unset
  @IsString() API_KEY!: string; // required: no default
}

export const getSettings = defineSettings(Settings, { envFile: '.env' });
// #endregion settings
