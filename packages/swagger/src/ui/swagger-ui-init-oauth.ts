/**
 * Swagger UI's `initOAuth` settings (FastAPI's `swagger_ui_init_oauth`): what the Authorize
 * dialog pre-fills and how it runs the OAuth2 flows. Keys and meanings are Swagger UI's
 * (docs/usage/oauth2.md); the object is passed to `ui.initOAuth()` as is.
 * @example
 * app.use(openapi({ swaggerUiInitOAuth: { clientId: 'docs', scopes: ['items'], usePkceWithAuthorizationCodeGrant: true } }));
 */
export interface SwaggerUiInitOAuth {
  /** Pre-filled client id. */
  readonly clientId?: string;
  /** Pre-filled client secret. Never for a public client (a browser page): prefer PKCE. */
  readonly clientSecret?: string;
  /** Appended to the authorization URL as `realm`. */
  readonly realm?: string;
  /** Appended to the authorization URL as `appName`. */
  readonly appName?: string;
  /** Joins the scopes sent to the identity provider (default a space). */
  readonly scopeSeparator?: string;
  /** Scopes selected by default in the dialog. */
  readonly scopes?: string | readonly string[];
  /** Extra query parameters of the authorization request (`{ audience: 'api' }`). */
  readonly additionalQueryStringParams?: Readonly<Record<string, string>>;
  /** Sends the client id and secret as a Basic header at the token endpoint (authorization code grant). */
  readonly useBasicAuthenticationWithAccessCodeGrant?: boolean;
  /** Authorization code grant with PKCE (RFC 7636): a `code_challenge` (S256) on the authorization request, its `code_verifier` at the token endpoint. */
  readonly usePkceWithAuthorizationCodeGrant?: boolean;
}
