import type { Server as HttpServer } from 'node:http';
import { Server as HttpsServer } from 'node:https';
import type { Socket } from 'node:net';

/** What the sweep last saw of one connection. */
interface Activity {
  /** Bytes read plus bytes written. */
  bytes: number;
  /** When `bytes` last changed (ms since the epoch). */
  since: number;
}

/** How often the sweep runs: a tenth of the shorter timeout, between 10 ms and 1 s. */
const sweepEvery = (timeoutMs: number): number => Math.min(1000, Math.max(10, Math.floor(timeoutMs / 10)));

/** Node's margin over `keepAliveTimeout` before it closes an idle kept-alive connection. */
const KEEP_ALIVE_MARGIN_MS = 1000;

/**
 * Between requests: a response has been written and none is in progress. Node's `_httpMessage`
 * is the response a connection is writing (null once it finished, until the next request's
 * headers are in); Node's own `closeIdleConnections()` reads it the same way.
 */
const betweenRequests = (socket: Socket): boolean =>
  (socket as Socket & { _httpMessage?: unknown })._httpMessage == null && socket.bytesWritten > 0;

/**
 * Enforces `connectionTimeout` (a connection with no traffic either way for `timeoutMs` is
 * closed) and the server's `keepAliveTimeout` with one sweep over the open connections
 * instead of Node's socket timers. Node re-arms the connection timer at every request of a
 * kept-alive connection and refreshes it on every read and write (1.6k machine instructions per
 * request, 2% of a small GET, S6 under callgrind), and arms a keep-alive timer when each
 * response finishes, cleared when the next request arrives (another 1.3k, S1). The sweep reads
 * each socket's byte counters every tenth of the shorter timeout (at most every second), so a
 * connection closes between its timeout and two sweeps later; a request costs nothing.
 *
 * Covered as before: a connection that never sends a byte, a client that stops reading a
 * response, a handler silent for longer than the timeout, on any request of a connection; a
 * kept-alive connection silent between requests for `keepAliveTimeout` + 1 s (Node's margin).
 * Node's keep-alive timer is off (`server.keepAliveTimeout` 0), so answers no longer carry its
 * `Keep-Alive: timeout=N` hint; a value assigned to `server.keepAliveTimeout` later is taken
 * over at the next sweep. A connection handed over by an `upgrade` (a WebSocket) is no longer
 * swept, as ws clears Node's socket timeout then.
 */
export function sweepIdleConnections(server: HttpServer, timeoutMs: number): void {
  const open = new Map<Socket, Activity>();
  // Node hands an https server's HTTP parser the TLS socket, after the handshake (whose own
  // timeout, 120 s, covers a connection that never completes it).
  const connectionEvent = server instanceof HttpsServer ? 'secureConnection' : 'connection';
  server.on(connectionEvent, (socket: Socket) => {
    open.set(socket, { bytes: 0, since: Date.now() });
    socket.once('close', () => open.delete(socket));
  });
  releaseUpgradedConnections(server, (socket) => open.delete(socket));

  let keepAliveMs = 0;
  /** Moves a keep-alive timeout set on the server (by Fastify, or by the app after listen) to the sweep. */
  const takeOverKeepAlive = (): void => {
    if (!(server.keepAliveTimeout > 0)) return;
    keepAliveMs = server.keepAliveTimeout + KEEP_ALIVE_MARGIN_MS;
    server.keepAliveTimeout = 0;
  };

  const sweep = (): void => {
    takeOverKeepAlive();
    const now = Date.now();
    for (const [socket, activity] of open) {
      const bytes = socket.bytesRead + socket.bytesWritten;
      if (bytes !== activity.bytes) {
        activity.bytes = bytes;
        activity.since = now;
        continue;
      }
      const silentMs = now - activity.since;
      if (silentMs >= timeoutMs || (keepAliveMs > 0 && silentMs >= keepAliveMs && betweenRequests(socket))) {
        open.delete(socket);
        socket.destroy();
      }
    }
  };
  let timer: NodeJS.Timeout | undefined;
  server.on('listening', () => {
    clearInterval(timer);
    takeOverKeepAlive();
    const shortest = keepAliveMs > 0 ? Math.min(timeoutMs, keepAliveMs) : timeoutMs;
    // Unref'd: the sweep never keeps a process alive. It runs until the last connection has
    // closed (the server's `close` event), so connections draining at shutdown are swept too.
    timer = setInterval(sweep, sweepEvery(shortest)).unref();
  });
  server.on('close', () => clearInterval(timer));
}

/**
 * Calls `release` with every socket an `upgrade` hands over. The listener is attached only
 * while another one is: with any `upgrade` listener, Node hands upgrade requests over instead
 * of serving them as plain requests, so one of ours alone would leave them hanging.
 */
function releaseUpgradedConnections(server: HttpServer, release: (socket: Socket) => void): void {
  const onUpgrade = (_request: unknown, socket: Socket): void => release(socket);
  let attached = false;
  const attach = (): void => {
    attached = true;
    server.prependListener('upgrade', onUpgrade);
  };
  server.on('newListener', (event: string | symbol) => {
    if (event === 'upgrade' && !attached) attach();
  });
  server.on('removeListener', (event: string | symbol, listener: unknown) => {
    if (event !== 'upgrade' || listener === onUpgrade || !attached) return;
    if (server.listenerCount('upgrade') === 1) {
      attached = false;
      server.removeListener('upgrade', onUpgrade);
    }
  });
  if (server.listenerCount('upgrade') > 0) attach();
}
