import { connect, type Socket } from 'node:net';

/** What came back on a raw socket: the bytes, and whether the server closed it. */
export interface RawExchange {
  readonly text: string;
  readonly status: number | undefined;
  readonly closedByServer: boolean;
  readonly elapsedMs: number;
}

/**
 * Writes `chunks` to a fresh connection (with `gapMs` between them) and collects what the
 * server answers until it closes the socket or `waitMs` passes. For requests no HTTP client
 * would send: oversized headers, invalid bytes, a slow trickle.
 */
export function rawExchange(port: number, chunks: readonly (string | Buffer)[], options: { gapMs?: number; waitMs?: number } = {}): Promise<RawExchange> {
  const { gapMs = 0, waitMs = 2000 } = options;
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const socket: Socket = connect(port, '127.0.0.1');
    const received: Buffer[] = [];
    let closedByServer = false;
    let finished = false;
    const finish = () => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      socket.destroy();
      const text = Buffer.concat(received).toString('latin1');
      const match = /^HTTP\/1\.1 (\d{3})/.exec(text);
      resolve({ text, status: match ? Number(match[1]) : undefined, closedByServer, elapsedMs: Date.now() - started });
    };
    const timer = setTimeout(finish, waitMs);
    socket.on('data', (data) => received.push(data));
    socket.on('end', () => {
      closedByServer = true;
      finish();
    });
    socket.on('close', () => {
      closedByServer = true;
      finish();
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ECONNRESET' || error.code === 'EPIPE') {
        closedByServer = true;
        finish();
      } else reject(error);
    });
    socket.on('connect', async () => {
      for (const chunk of chunks) {
        if (finished || socket.destroyed) return;
        socket.write(chunk);
        if (gapMs > 0) await new Promise((r) => setTimeout(r, gapMs));
      }
    });
  });
}

/** The JSON body of a raw HTTP/1.1 response (after the blank line). */
export function rawBody(text: string): unknown {
  const start = text.indexOf('\r\n\r\n');
  return JSON.parse(text.slice(start + 4));
}
