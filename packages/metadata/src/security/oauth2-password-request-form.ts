import { Form } from '../decorators/form-params';

/**
 * The form an OAuth2 password-flow token endpoint receives (FastAPI's
 * `OAuth2PasswordRequestForm`): `username`, `password`, optional `scope` (space-separated,
 * split into `scopes`), `grant_type` (must be `password` when sent), `client_id`, `client_secret`.
 * Use it as a class dependency.
 * @example
 * @Post('/token') token(@Depends(OAuth2PasswordRequestForm) form: OAuth2PasswordRequestForm) {
 *   return { access_token: issue(form.username, form.scopes), token_type: 'bearer' };
 * }
 */
export class OAuth2PasswordRequestForm {
  /** The requested scopes (`scope` split on spaces). */
  readonly scopes: readonly string[];

  constructor(
    @Form('grant_type', { type: 'string', optional: true, pattern: '^password$' }) readonly grantType: string | undefined,
    @Form('username', { type: 'string' }) readonly username: string,
    @Form('password', { type: 'string' }) readonly password: string,
    @Form('scope', { type: 'string', default: '' }) readonly scope: string,
    @Form('client_id', { type: 'string', optional: true }) readonly clientId: string | undefined,
    @Form('client_secret', { type: 'string', optional: true }) readonly clientSecret: string | undefined,
  ) {
    this.scopes = scope.split(/\s+/).filter((s) => s.length > 0);
  }
}
