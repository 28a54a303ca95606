import type { FastifyRequest } from 'fastify';

/**
 * `scheme://host` of the request, as Starlette builds absolute URLs: the Host header (or
 * `:authority`), else the server's own address. Fastify's `protocol` and `host` read
 * X-Forwarded-Proto / X-Forwarded-Host only when `trustProxy` trusts the peer.
 */
export function requestOrigin(request: FastifyRequest): string {
  const scheme = request.protocol ?? 'http';
  let host = request.host;
  if (!host) {
    const socket = request.raw.socket;
    const port = socket.localPort;
    const address = socket.localAddress?.includes(':') ? `[${socket.localAddress}]` : socket.localAddress;
    host = port === undefined || port === (scheme === 'https' ? 443 : 80) ? `${address}` : `${address}:${port}`;
  }
  return `${scheme}://${host}`;
}
