import type { PendingCookie } from '@trellis/metadata';
import { serialize } from 'cookie';

/** Characters a cookie path may hold (RFC 6265 path-value: no controls, no `;`), as the `cookie` package checks. */
const PATH_VALUE = /^[\u0020-\u003A\u003D-\u007E]*$/;

/**
 * The `Set-Cookie` value Starlette's `set_cookie` writes: Python's `http.cookies` puts the
 * attributes in alphabetical order (`Domain`, `expires`, `HttpOnly`, `Max-Age`, `Path`,
 * `SameSite`, `Secure`), with `Path=/` and `SameSite=lax` by default. Name, value and
 * domain go through the `cookie` package (validated; the value percent-encoded).
 */
export function setCookieHeader(cookie: PendingCookie): string {
  const { maxAge, expires, path = '/', domain, secure, httpOnly, sameSite = 'lax' } = cookie.options;
  let header = serialize(cookie.name, cookie.value, { domain });
  if (expires !== undefined) {
    if (!(expires instanceof Date) || Number.isNaN(expires.getTime())) throw new TypeError(`cookie ${cookie.name}: expires is not a valid Date`);
    header += `; expires=${expires.toUTCString()}`;
  }
  if (httpOnly) header += '; HttpOnly';
  if (maxAge !== undefined) {
    if (!Number.isInteger(maxAge)) throw new TypeError(`cookie ${cookie.name}: maxAge must be an integer number of seconds, got ${maxAge}`);
    header += `; Max-Age=${maxAge}`;
  }
  // An empty path is left out, as Python's Morsel skips empty attributes.
  if (path !== null && path !== '') {
    if (!PATH_VALUE.test(path)) throw new TypeError(`cookie ${cookie.name}: path is invalid: ${path}`);
    header += `; Path=${path}`;
  }
  if (sameSite !== null) {
    if (sameSite !== 'lax' && sameSite !== 'strict' && sameSite !== 'none') throw new TypeError(`cookie ${cookie.name}: sameSite must be 'lax', 'strict' or 'none'`);
    header += `; SameSite=${sameSite}`;
  }
  if (secure) header += '; Secure';
  return header;
}
