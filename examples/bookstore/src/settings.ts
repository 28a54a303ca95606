import { resolve } from 'node:path';
import { defineSettings } from '@trellis/fastify';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength } from 'class-validator';

/**
 * Where the bookstore listens, its database, its log level and its Redis: environment
 * variables (or a `.env` file in the working directory), validated when main.ts or worker.ts
 * starts — every invalid one listed in a TRELLIS_SETTINGS_INVALID error before anything opens.
 */
export class Settings {
  @IsInt() @Min(0) @Max(65535) PORT = 8000;
  @IsString() @MinLength(1) HOST = '127.0.0.1';
  @IsString() @MinLength(1) BOOKSTORE_DB = resolve(__dirname, '..', 'bookstore.sqlite');
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']) LOG_LEVEL = 'warn';
  /** Set: order confirmations are durable jobs in Redis for `npm run worker`. Empty counts as unset. */
  @IsOptional() @Matches(/^(rediss?:\/\/\S+)?$/, { message: 'REDIS_URL must be a redis:// or rediss:// URL' }) REDIS_URL?: string;
  /** How many jobs a worker runs at once. */
  @IsInt() @Min(1) CONCURRENCY = 10;
}

/** The settings, loaded once; `@Depends(getSettings)` in a handler, `dependencyOverrides` in tests. */
export const getSettings = defineSettings(Settings, { envFile: '.env' });
