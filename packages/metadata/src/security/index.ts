export { Security, type SecurityOptions } from './security';
export { SecurityScopes, Scopes } from './security-scopes';
export { HTTPBearer, type HTTPBearerOptions, type HTTPAuthorizationCredentials } from './http-bearer';
export { HTTPBasic, type HTTPBasicOptions, type HTTPBasicCredentials } from './http-basic';
export { APIKeyHeader, APIKeyQuery, APIKeyCookie, type APIKeyOptions } from './api-key';
export { OAuth2PasswordBearer, type OAuth2PasswordBearerOptions } from './oauth2-password-bearer';
export { OAuth2PasswordRequestForm } from './oauth2-password-request-form';
export type { SecurityBaseOptions, SecurityResult } from './define-security-dependency';
