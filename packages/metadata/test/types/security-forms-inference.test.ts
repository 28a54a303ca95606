import 'reflect-metadata';
import { expectTypeOf } from 'expect-type';
import {
  APIKeyCookie,
  APIKeyHeader,
  Depends,
  dependency,
  File,
  Form,
  HTTPBasic,
  HTTPBearer,
  HTTPDigest,
  OAuth2AuthorizationCodeBearer,
  OpenIdConnect,
  OAuth2PasswordBearer,
  OAuth2PasswordRequestForm,
  Scopes,
  Security,
  SecurityScopes,
  UploadFile,
  type DependencyValue,
  type HTTPAuthorizationCredentials,
  type HTTPBasicCredentials,
  type MarkerValue,
} from '@trellis/metadata';

/* Compile-time checks (run by `tsc` in `npm test`) of what security schemes and form markers give. */

const bearer = HTTPBearer();
const optionalBearer = HTTPBearer({ autoError: false });
const basic = HTTPBasic({ realm: 'x' });
const key = APIKeyHeader({ name: 'x-key' });
const optionalKey = APIKeyCookie({ name: 'k', autoError: false });
const oauth2 = OAuth2PasswordBearer({ tokenUrl: '/token' });

expectTypeOf<DependencyValue<typeof bearer>>().toEqualTypeOf<HTTPAuthorizationCredentials>();
expectTypeOf<DependencyValue<typeof optionalBearer>>().toEqualTypeOf<HTTPAuthorizationCredentials | undefined>();
expectTypeOf<DependencyValue<typeof basic>>().toEqualTypeOf<HTTPBasicCredentials>();
expectTypeOf<DependencyValue<typeof key>>().toEqualTypeOf<string>();
expectTypeOf<DependencyValue<typeof optionalKey>>().toEqualTypeOf<string | undefined>();
expectTypeOf<DependencyValue<typeof oauth2>>().toEqualTypeOf<string>();
const oidc = OpenIdConnect({ openIdConnectUrl: '/oidc' });
const optionalOidc = OpenIdConnect({ openIdConnectUrl: '/oidc', autoError: false });
const codeFlow = OAuth2AuthorizationCodeBearer({ authorizationUrl: '/a', tokenUrl: '/t', scopes: { me: 'Me' } });
const digest = HTTPDigest();
const optionalDigest = HTTPDigest({ autoError: false });
expectTypeOf<DependencyValue<typeof oidc>>().toEqualTypeOf<string>();
expectTypeOf<DependencyValue<typeof optionalOidc>>().toEqualTypeOf<string | undefined>();
expectTypeOf<DependencyValue<typeof codeFlow>>().toEqualTypeOf<string>();
expectTypeOf<DependencyValue<typeof digest>>().toEqualTypeOf<HTTPAuthorizationCredentials>();
expectTypeOf<DependencyValue<typeof optionalDigest>>().toEqualTypeOf<HTTPAuthorizationCredentials | undefined>();
// @ts-expect-error OpenIdConnect needs its discovery URL
OpenIdConnect({});
expectTypeOf<DependencyValue<typeof OAuth2PasswordRequestForm>>().toEqualTypeOf<OAuth2PasswordRequestForm>();

const user = dependency({ token: Security(oauth2, { scopes: ['me'] }), required: Scopes() }, ({ token, required }) => {
  expectTypeOf(token).toEqualTypeOf<string>();
  expectTypeOf(required).toEqualTypeOf<SecurityScopes>();
  return { name: token };
});
expectTypeOf<MarkerValue<ReturnType<typeof Depends<typeof user>>>>().toEqualTypeOf<{ name: string }>();

expectTypeOf<MarkerValue<ReturnType<typeof Form<{ type: 'integer' }>>>>().toEqualTypeOf<number>();
const upload = File('a');
const uploads = File('b', { multiple: true, optional: true });
expectTypeOf<MarkerValue<typeof upload>>().toEqualTypeOf<UploadFile>();
expectTypeOf<MarkerValue<typeof uploads>>().toEqualTypeOf<UploadFile[] | undefined>();

it('SecurityScopes joins its scopes with spaces and cannot be changed', () => {
  const scopes = new SecurityScopes(['a', 'b']);
  expect(scopes.scopeStr).toBe('a b');
  expect(Object.isFrozen(scopes.scopes)).toBe(true);
});
