import 'reflect-metadata';
import { SECURITY_SCHEME_KEY } from './keys';

/** An OpenAPI security scheme object (`components.securitySchemes.<name>`). */
export interface SecuritySchemeObject {
  readonly type: 'apiKey' | 'http' | 'oauth2' | 'openIdConnect' | 'mutualTLS';
  readonly description?: string;
  /** apiKey */
  readonly name?: string;
  readonly in?: 'query' | 'header' | 'cookie';
  /** http */
  readonly scheme?: string;
  readonly bearerFormat?: string;
  /** oauth2 */
  readonly flows?: Readonly<Record<string, unknown>>;
  /** openIdConnect */
  readonly openIdConnectUrl?: string;
}

/** What a security dependency declares: the scheme's component name and object. */
export interface SecuritySchemeRecord {
  /** Key under `components.securitySchemes` (e.g. `HTTPBearer`, `OAuth2PasswordBearer`). */
  readonly name: string;
  readonly scheme: SecuritySchemeObject;
}

/**
 * Marks a dependency function as a security scheme, so every operation that uses it
 * (directly or through other dependencies) lists it under `security` in OpenAPI.
 * @example
 * const verifyKey = declareSecurityScheme(dependency({ key: Header('x-key') }, check), {
 *   name: 'ApiKey', scheme: { type: 'apiKey', in: 'header', name: 'x-key' } });
 */
export function declareSecurityScheme<F extends Function>(dependencyFn: F, record: SecuritySchemeRecord): F {
  Reflect.defineMetadata(SECURITY_SCHEME_KEY, record, dependencyFn);
  return dependencyFn;
}

/** The security scheme a dependency declared, if any. */
export function readSecurityScheme(dependencyFn: Function): SecuritySchemeRecord | undefined {
  return Reflect.getOwnMetadata(SECURITY_SCHEME_KEY, dependencyFn) as SecuritySchemeRecord | undefined;
}
