/**
 * The socket timeouts Trellis sets over Fastify's, so an app that listens directly (no proxy
 * in front) is not held open by slow or silent clients. Fastify disables both (0). Node then
 * never closes a connection that sends nothing at all (its headersTimeout, 60 s, only runs once
 * a request has begun), and a request whose body trickles in is never cut.
 * - `connectionTimeout` 90 s: a socket with no traffic either way for 90 s is closed. Above
 *   Fastify's keepAliveTimeout (72 s), so idle keep-alive connections still close at that one;
 *   WebSockets are not affected. Over HTTP/1 both are enforced by a sweep over the connections
 *   (idle-connection-sweep.ts), not by Node's per-socket timers.
 * - `requestTimeout` 300 s (Node's own default): a whole request, headers and body, must
 *   arrive within 5 minutes, else 408 and the connection closes. Long enough for a 16 MiB
 *   upload at 0.5 Mbit/s.
 * Both are Fastify options: `createApp({ fastify: { connectionTimeout, requestTimeout } })`.
 */
export const SERVER_TIMEOUTS = { connectionTimeout: 90_000, requestTimeout: 300_000 } as const;
