import * as metadata from '@trellis/metadata';
import type { FastifyReply } from 'fastify';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { isNodeStream, toReadable } from '../responses/to-readable';
import { StaticFileResponse } from '../static/static-file-response';
import { JSON_CONTENT_TYPE, sendJsonText } from './send-json-text';
import { setCookieHeader } from './set-cookie-header';

// Read once, as in compose-middleware.ts: these run per request, and a re-export is a getter.
type Response = metadata.Response;
type FileResponse = metadata.FileResponse;
const { FileResponse, HTTPException, isBodylessStatus, StreamingResponse } = metadata;

/** Copies headers and cookies of a `Response` onto the reply. */
export function applyResponseMeta(reply: FastifyReply, response: Response): void {
  for (const name in response.headers) reply.header(name, response.headers[name]);
  for (const cookie of response.cookies) reply.header('set-cookie', setCookieHeader(cookie));
}

/** Text and JSON are always UTF-8 here; say so, as Fastify does for its own JSON. */
export const withCharset = (mediaType: string): string => {
  if (mediaType === 'application/json') return JSON_CONTENT_TYPE;
  return mediaType.startsWith('text/') && !mediaType.includes('charset') ? `${mediaType}; charset=utf-8` : mediaType;
};

/**
 * Sends any `Response` as is (bypassing the route's model): rendered bodies, streams
 * (piped with back-pressure) and files. Headers and cookies of an injected `Response`
 * are applied first, so the returned one wins on conflicts.
 */
export function writeResponse(reply: FastifyReply, response: Response, injected?: Response): FastifyReply | Promise<FastifyReply> {
  if (response instanceof FileResponse) return sendFile(reply, response, injected);
  if (response instanceof StaticFileResponse) {
    writeHead(reply, response, injected);
    // @fastify/static's reply decorator (installed with `staticFiles`): it decides 200 / 206 / 304.
    return (reply as unknown as { sendFile(file: string, root: string): FastifyReply }).sendFile(response.file, response.root);
  }
  const contentType = writeHead(reply, response, injected);
  if (isBodylessStatus(reply.statusCode)) return reply.send();
  if (response instanceof StreamingResponse) {
    // HEAD runs the GET handler; reading its stream only to discard it could run forever (SSE).
    if (reply.request.method === 'HEAD') {
      closeSource(response.body);
      return reply.send();
    }
    return reply.send(toReadable(response));
  }
  const body = response.render();
  // Nothing at all rather than '': Fastify would label an empty string text/plain, and an
  // empty body has no content type unless the response declares one (Starlette's rule).
  if (body === undefined || body.length === 0) return reply.send();
  // JSON text labelled as Fastify would label it: nothing for Fastify to look at.
  return contentType === JSON_CONTENT_TYPE && typeof body === 'string' ? sendJsonText(reply, body) : reply.send(body);
}

/** Releases a stream source that will never be read (a generator not yet started holds nothing). */
function closeSource(source: unknown): void {
  if (isNodeStream(source)) source.destroy();
  else if (typeof (source as { return?: unknown }).return === 'function') {
    void Promise.resolve((source as { return: () => unknown }).return()).catch(() => undefined);
  }
}

/** Status, headers and cookies; returns the content type it set from the media type, if it did. */
function writeHead(reply: FastifyReply, response: Response, injected: Response | undefined): string | undefined {
  if (injected && injected !== response) applyResponseMeta(reply, injected);
  applyResponseMeta(reply, response);
  const status = response.status ?? 200;
  reply.code(status);
  if (!response.mediaType || response.headers['content-type'] || isBodylessStatus(status)) return undefined;
  const contentType = withCharset(response.mediaType);
  reply.type(contentType);
  return contentType;
}

async function sendFile(reply: FastifyReply, response: FileResponse, injected: Response | undefined): Promise<FastifyReply> {
  let size: number;
  let modified: Date;
  try {
    const stats = await stat(response.path);
    // A directory is "not found" too: there is no file to send.
    if (!stats.isFile()) return reply.send(new HTTPException(404));
    size = stats.size;
    modified = stats.mtime;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return reply.send(code === 'ENOENT' || code === 'ENOTDIR' ? new HTTPException(404) : error);
  }
  writeHead(reply, response, injected);
  if (isBodylessStatus(reply.statusCode)) return reply.send();
  reply.header('content-length', size);
  if (!response.headers['last-modified']) reply.header('last-modified', modified.toUTCString());
  // HEAD too: Fastify keeps Content-Length for a stream it discards; the file is finite.
  return reply.send(createReadStream(response.path));
}
