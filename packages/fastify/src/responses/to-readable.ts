import type { StreamingResponse } from '@trellis/metadata';
import { Readable } from 'node:stream';

/** Whether a value is a Node stream Fastify can pipe (it brings its own back-pressure). */
export const isNodeStream = (value: unknown): value is Readable =>
  typeof value === 'object' && value !== null && typeof (value as { pipe?: unknown }).pipe === 'function';

/**
 * The Node readable a streaming response is piped from. `Readable.from` pulls the next
 * chunk only when the socket has drained what it had, and destroying it (Fastify does so
 * when the client goes away) calls the iterator's `return()`.
 */
export function toReadable(response: StreamingResponse): Readable {
  const source = response.chunks();
  if (isNodeStream(source)) return source;
  return Readable.from(source, { objectMode: false });
}
