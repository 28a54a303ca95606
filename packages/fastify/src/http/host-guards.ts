import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { startupError } from '../errors';
import { requestOrigin } from './request-origin';
import { rootPathOf } from './root-path';
import { sendJsonText } from '../runtime/send-json-text';

const INVALID_HOST = '{"detail":"Invalid host header"}';
/** Spaces, controls and non-ASCII: never part of a host name in a URL. */
const NOT_A_HOST_CHAR = /[^\x21-\x7e]/;

/**
 * Starlette's host matching: `*` allows any host, `*.example.com` any subdomain (not the bare
 * domain), anything else the exact name. The port is ignored; names compare case-insensitively.
 */
export function compileHostMatcher(allowed: readonly string[]): (host: string) => boolean {
  if (allowed.length === 0) throw startupError('TRELLIS_APP_OPTION_INVALID', { option: 'trustedHosts', reason: "the list is empty; list your host names, or ['*'] to allow any" });
  const patterns = allowed.map((pattern) => {
    if (pattern === '*') return () => true;
    if (pattern.includes('*') && !(pattern.startsWith('*.') && !pattern.slice(2).includes('*'))) {
      throw startupError('TRELLIS_APP_OPTION_INVALID', { option: 'trustedHosts', reason: `${JSON.stringify(pattern)}: a wildcard may only start a pattern, as in '*.example.com'` });
    }
    const lower = pattern.toLowerCase();
    return pattern.startsWith('*.') ? (host: string) => host.endsWith(lower.slice(1)) : (host: string) => host === lower;
  });
  return (host) => patterns.some((matches) => matches(host));
}

/** The host name without the port (`[::1]:8000` → `[::1]`), lower-case. */
function hostName(host: string): string {
  const end = host.startsWith('[') ? host.indexOf(']') + 1 : host.indexOf(':');
  return (end > 0 ? host.slice(0, end) : host).toLowerCase();
}

/**
 * `trustedHosts` and `httpsRedirect` (Starlette's TrustedHostMiddleware and
 * HTTPSRedirectMiddleware) as one `onRequest` hook: they answer before routing and before
 * Trellis middleware, as those middlewares do when added last (outermost). The host is
 * checked first, so a redirect never points at a host the app does not serve.
 */
export function installHostGuards(fastify: FastifyInstance, options: { trustedHosts?: readonly string[]; httpsRedirect?: boolean }): void {
  const allowed = options.trustedHosts === undefined ? undefined : compileHostMatcher(options.trustedHosts);
  const redirect = options.httpsRedirect === true;
  if (!allowed && !redirect) return;
  fastify.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    // Behind a trusted proxy, request.host is X-Forwarded-Host: the name the client used.
    const host = request.host ?? '';
    if (allowed && !allowed(hostName(host))) {
      void sendJsonText(reply.code(400), INVALID_HOST);
      return;
    }
    if (redirect && request.protocol === 'http') {
      // Starlette drops :80 and :443 (the https default) and keeps any other port.
      // Without a Host header (HTTP/1.0), the server's own address, as Starlette's url.netloc.
      const netlocIn = host === '' ? new URL(requestOrigin(request)).host : host;
      const name = hostName(netlocIn);
      const port = netlocIn.slice(name.length + 1);
      const netloc = port === '' || port === '80' || port === '443' ? name : `${name}:${port}`;
      // A forwarded host can carry control characters (inject, or a proxy that passes them);
      // such a name is no host, and Node would refuse it in Location (a 500).
      if (NOT_A_HOST_CHAR.test(netloc)) {
        void sendJsonText(reply.code(400), INVALID_HOST);
        return;
      }
      void reply.code(307).header('location', `https://${netloc}${rootPathOf(request.server)}${request.raw.url ?? '/'}`).send();
      return;
    }
    done();
  });
}
