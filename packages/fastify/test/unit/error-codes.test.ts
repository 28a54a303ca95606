import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { STARTUP_ERROR_CODES, TASK_ERROR_CODES } from '@trellis/fastify';

/* Every start-up and task error code is documented in docs/errors.md, and every documented code exists. */
const documented = [...readFileSync(join(__dirname, '../../../../docs/errors.md'), 'utf8').matchAll(/^\| `(TRELLIS_(?!OPENAPI_|BULLMQ_)[A-Z_]+)` \|/gm)].map(
  (m) => m[1],
);

const CODES = { ...STARTUP_ERROR_CODES, ...TASK_ERROR_CODES };

test('every code is documented', () => {
  expect(Object.keys(CODES).filter((code) => !documented.includes(code))).toEqual([]);
});

test('every documented code exists', () => {
  expect(documented.filter((code) => !(code! in CODES))).toEqual([]);
});
