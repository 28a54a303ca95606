import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';

/** Node's parser codes for the errors it meets before a request exists. */
const STATUS_BY_CODE: Readonly<Record<string, number>> = {
  HPE_HEADER_OVERFLOW: 431,
  ERR_HTTP_REQUEST_TIMEOUT: 408,
};

/**
 * Answers what Node's HTTP parser refuses before routing (malformed requests, headers
 * over the limit, a request timeout) in FastAPI's `{"detail": …}` shape, then closes
 * the connection: after a parse error the stream cannot be trusted.
 */
export function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const status = STATUS_BY_CODE[error.code ?? ''] ?? 400;
  const phrase = STATUS_CODES[status] ?? 'Bad Request';
  const body = JSON.stringify({ detail: phrase });
  socket.end(
    `HTTP/1.1 ${status} ${phrase}\r\nConnection: close\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}
