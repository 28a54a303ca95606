import { Header } from '../decorators/params';

/**
 * The `Authorization` header as a security scheme reads it: optional (the scheme decides
 * what absence means) and kept out of the OpenAPI parameters, since the security
 * scheme documents it.
 */
export const authorizationHeader = () => Header('authorization', { type: 'string', optional: true, includeInSchema: false });

/** Splits `Bearer abc` into `['Bearer', 'abc']`; `['', '']` when absent (FastAPI's get_authorization_scheme_param). */
export function splitAuthorization(value: string | undefined): readonly [scheme: string, param: string] {
  if (!value) return ['', ''];
  const space = value.indexOf(' ');
  return space === -1 ? [value, ''] : [value.slice(0, space), value.slice(space + 1)];
}
