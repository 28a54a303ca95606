import type { TestResponse } from '@trellis/fastify';
import { readExample } from './example-files';

/**
 * Asserts a response is what an `.http` file on a page shows (`curl -i` output, trimmed to
 * what matters): the status line, every header listed (other headers, such as date or
 * content-length, are left out of the file), and the body — compared as JSON when it is JSON.
 * A header whose value changes per request (a timing) is matched by its pattern in `varying`.
 */
export function expectHttp(response: TestResponse, dir: string, file: string, varying: Readonly<Record<string, RegExp>> = {}): void {
  const [head = '', ...rest] = readExample(dir, file).split('\n\n');
  const body = rest.join('\n\n').replace(/\n$/, '');
  const [statusLine = '', ...headerLines] = head.split('\n');
  const status = /^HTTP\/1\.1 (\d{3}) /.exec(statusLine);
  if (!status) throw new Error(`${file}: no status line`);
  expect(response.status).toBe(Number(status[1]));
  const shown = Object.fromEntries(
    headerLines.map((line) => {
      const colon = line.indexOf(':');
      return [line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim()];
    }),
  );
  for (const [name, pattern] of Object.entries(varying)) {
    expect(shown[name]).toMatch(pattern);
    expect(String(response.headers[name])).toMatch(pattern);
    shown[name] = String(response.headers[name]);
  }
  const actual = Object.fromEntries(Object.keys(shown).map((name) => [name, String(response.headers[name])]));
  expect(actual).toEqual(shown);
  if (/^application\/json(;|$)/.test(String(response.headers['content-type']))) expect(response.json()).toEqual(JSON.parse(body));
  else expect(response.text).toBe(body);
}
