import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The rows of docs/errors.md's code tables: code → its documented meaning and message template. */
export function documentedErrorCodes(): Record<string, { meaning: string; message: string }> {
  const text = readFileSync(join(__dirname, '../../docs/errors.md'), 'utf8');
  const rows = [...text.matchAll(/^\| `(TRELLIS_[A-Z_]+)` \| (.+) \| `(.+)` \|$/gm)];
  return Object.fromEntries(rows.map(([, code, meaning, message]) => [code!, { meaning: meaning!, message: message! }]));
}
