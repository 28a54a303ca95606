import { createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import type { Readable, Writable } from 'node:stream';
import type { UploadStorage } from '@trellis/metadata';

export interface SpooledUpload {
  readonly size: number;
  readonly storage: UploadStorage;
}

/**
 * Reads one uploaded file stream, keeping it in memory up to `memoryLimit` bytes and
 * moving to a private temporary file past that (Starlette's SpooledTemporaryFile), so a
 * large upload never sits in memory. Backpressure is honoured while writing.
 */
export async function spoolUpload(file: Readable, memoryLimit: number, trackTempFile: (path: string) => void): Promise<SpooledUpload> {
  const chunks: Buffer[] = [];
  let size = 0;
  let disk: { path: string; out: Writable } | undefined;
  try {
    for await (const chunk of file as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (disk === undefined && size > memoryLimit) {
        const path = join(tmpdir(), `trellis-upload-${randomUUID()}`);
        disk = { path, out: createWriteStream(path, { flags: 'wx', mode: 0o600 }) };
        trackTempFile(path);
        for (const held of chunks) disk.out.write(held);
        chunks.length = 0;
      }
      if (disk === undefined) chunks.push(chunk);
      else if (!disk.out.write(chunk)) await once(disk.out, 'drain');
    }
    if (disk === undefined) return { size, storage: { kind: 'memory', data: Buffer.concat(chunks, size) } };
    disk.out.end();
    await once(disk.out, 'finish');
    return { size, storage: { kind: 'disk', path: disk.path } };
  } catch (error) {
    disk?.out.destroy();
    throw error;
  }
}
