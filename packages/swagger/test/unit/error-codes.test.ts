import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { OPENAPI_ERROR_CODES } from '@trellis/swagger';

test('every OpenAPI start-up error code is documented with its meaning, and nothing else is', () => {
  const readme = readFileSync(resolve(__dirname, '../../../../docs/errors.md'), 'utf8');
  const documented = [...readme.matchAll(/^\| `(TRELLIS_OPENAPI_[A-Z_]+)` \| (.+) \|$/gm)].map((m) => [m[1], m[2]]);
  expect(documented).toEqual(Object.entries(OPENAPI_ERROR_CODES));
});
