import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';

/** Where an upload's bytes are kept: in memory when small, in a temporary file otherwise. */
export type UploadStorage = { readonly kind: 'memory'; readonly data: Buffer } | { readonly kind: 'disk'; readonly path: string };

/**
 * A file received in a multipart form (FastAPI's `UploadFile`). Its bytes were spooled
 * while the request was read (memory up to a threshold, then a temporary file), so
 * reading it never buffers more than you ask for; the file is removed after the response.
 * @example
 * @Post('/avatar') async upload(@File('avatar') avatar: UploadFile) {
 *   return { name: avatar.filename, type: avatar.contentType, size: avatar.size };
 * }
 */
export class UploadFile {
  constructor(
    /** The form field the file came in. */
    readonly fieldName: string,
    /** The client's file name (`undefined` if the part had none). */
    readonly filename: string | undefined,
    /** The part's `Content-Type` (`application/octet-stream` when absent). */
    readonly contentType: string,
    /** Size in bytes. */
    readonly size: number,
    private readonly storage: UploadStorage,
  ) {}

  /** The whole content. */
  async read(): Promise<Buffer> {
    return this.storage.kind === 'memory' ? this.storage.data : readFile(this.storage.path);
  }

  /** The whole content decoded as UTF-8. */
  async text(): Promise<string> {
    return (await this.read()).toString('utf8');
  }

  /** A fresh stream over the content; call it as often as you like. */
  stream(): Readable {
    return this.storage.kind === 'memory' ? Readable.from([this.storage.data]) : createReadStream(this.storage.path);
  }

  /** Shown by `JSON.stringify` and the response encoder instead of the bytes. */
  toJSON(): { filename: string | undefined; contentType: string; size: number } {
    return { filename: this.filename, contentType: this.contentType, size: this.size };
  }
}
