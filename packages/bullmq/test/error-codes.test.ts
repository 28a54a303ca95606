import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BULLMQ_ERROR_CODES } from '@trellis/bullmq';

/* Every @trellis/bullmq error code is documented in docs/errors.md, and every documented one exists. */
const documented = [...readFileSync(join(__dirname, '../../../docs/errors.md'), 'utf8').matchAll(/^\| `(TRELLIS_BULLMQ_[A-Z_]+)` \| (.+) \|$/gm)].map((m) => [m[1]!, m[2]!]);

test('the table in docs/errors.md is BULLMQ_ERROR_CODES, word for word', () => {
  expect(Object.fromEntries(documented)).toEqual(BULLMQ_ERROR_CODES);
});
