import 'reflect-metadata';
import { createWriteStream } from 'node:fs';
import { stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Controller, HTTPException, Path, Post } from '@trellis/metadata';
import { createApp, Request } from '@trellis/fastify';

const GiB = 1024 ** 3;

export function buildApp(uploadDir: string) {
  // #region upload
  @Controller('/uploads')
  class Uploads {
    @Post('/:name', { streamBody: { limit: GiB } })
    async upload(@Path('name') name: string, request: Request) {
      if (!/^[\w.-]+$/.test(name)) throw HTTPException.badRequest('Invalid file name');
      const file = join(uploadDir, name);
      try {
        // Chunk by chunk, at the pace the disk takes them: memory stays flat.
        await pipeline(request.stream(), createWriteStream(file));
      } catch (error) {
        await unlink(file).catch(() => undefined); // a body over the limit, or a client gone
        throw error;
      }
      return { name, bytes: (await stat(file)).size };
    }
  }
  // #endregion upload
  return createApp().include(Uploads);
}
