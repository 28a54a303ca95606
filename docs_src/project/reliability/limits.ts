import 'reflect-metadata';
import { Body, Controller, Post } from '@trellis/metadata';
import { createApp } from '@trellis/fastify';
import { IsArray, IsString } from 'class-validator';

class Batch {
  @IsArray() @IsString({ each: true }) ids!: string[];
}

@Controller('/batches')
class Batches {
  @Post('')
  create(@Body() batch: Batch) {
    return { count: batch.ids.length };
  }
}

export function buildApp() {
  const app = createApp({
    limits: {
      maxJsonDepth: 20, // default 200
      maxModelDepth: 8, // default 32
      maxListLength: 100, // default 10,000
      maxErrors: 50, // default 1,000
      maxFileSize: 4 * 1024 * 1024, // default 16 MiB
      maxFiles: 10, // default 1,000
      maxFields: 50, // default 1,000
      maxFieldSize: 64 * 1024, // default 1 MiB
    },
  });
  return app.include(Batches);
}
