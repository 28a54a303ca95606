import 'reflect-metadata';
import { createHash } from 'node:crypto';
import { Controller, File, Form, Post, UploadFile } from '@trellis/metadata';
import { createApp } from '@trellis/fastify';

@Controller()
class Uploads {
  // #region form
  @Post('/login')
  login(@Form('username') username: string, @Form('password', { minLength: 8 }) password: string) {
    return { username, passwordLength: password.length };
  }
  // #endregion form

  // #region files
  @Post('/photos', { status: 201 })
  async upload(
    @Form('album') album: string,
    @File('photos', { maxSize: 5_000_000 }) photos: UploadFile[],
  ) {
    const files = [];
    for (const photo of photos) {
      const sha256 = createHash('sha256');
      for await (const chunk of photo.stream()) sha256.update(chunk as Buffer); // streamed, never whole in memory
      files.push({ name: photo.filename, type: photo.contentType, size: photo.size, sha256: sha256.digest('hex') });
    }
    return { album, files };
  }
  // #endregion files
}

export const app = createApp().include(Uploads);
