import { Cookie, Header, Query } from '../decorators/params';
import { defineSecurityDependency, type SecurityBaseOptions, type SecurityResult } from './define-security-dependency';
import { notAuthenticated } from './not-authenticated';

/** Options of `APIKeyHeader/APIKeyQuery/APIKeyCookie(name, options)`. */
export interface APIKeyOptions extends SecurityBaseOptions {
  /** The header, query parameter or cookie that carries the key. */
  readonly name: string;
}

type Location = 'header' | 'query' | 'cookie';
const MARKERS = { header: Header, query: Query, cookie: Cookie } as const;
const CLASS_NAMES: Record<Location, string> = { header: 'APIKeyHeader', query: 'APIKeyQuery', cookie: 'APIKeyCookie' };

function apiKey<O extends APIKeyOptions>(location: Location, options: O) {
  const autoError = options.autoError ?? true;
  // The scheme documents the key; listing it as a parameter too would show it twice in the docs.
  const input = MARKERS[location](options.name, { type: 'string', optional: true, includeInSchema: false });
  return defineSecurityDependency(
    CLASS_NAMES[location],
    options,
    { type: 'apiKey', in: location, name: options.name },
    { key: input },
    ({ key }): SecurityResult<O, string> => {
      if (!key) {
        // A 401 must carry a challenge; API keys have no standard one, so FastAPI sends "APIKey".
        if (autoError) throw notAuthenticated('APIKey');
        return undefined as SecurityResult<O, string>;
      }
      return key;
    },
  );
}

/**
 * An API key read from a header; missing → 401 `{"detail":"Not authenticated"}`, `WWW-Authenticate: APIKey`.
 * @example
 * const apiKey = APIKeyHeader({ name: 'x-api-key' });
 * @Get('/items') items(@Depends(apiKey) key: string) {}
 */
export function APIKeyHeader<const O extends APIKeyOptions>(options: O) {
  return apiKey('header', options);
}

/**
 * An API key read from a query parameter.
 * @example
 * const apiKey = APIKeyQuery({ name: 'api_key' });
 */
export function APIKeyQuery<const O extends APIKeyOptions>(options: O) {
  return apiKey('query', options);
}

/**
 * An API key read from a cookie.
 * @example
 * const session = APIKeyCookie({ name: 'session' });
 */
export function APIKeyCookie<const O extends APIKeyOptions>(options: O) {
  return apiKey('cookie', options);
}
