import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { TestClient, type TestResponse, type TrellisApp } from '@trellis/fastify';

/*
 * The pages show requests as curl commands (docs_src/**\/*.sh). A test replays each command
 * against the example app with TestClient, so the command a reader copies sends what the
 * test sent. Only the curl options the pages use are understood; any other option fails the
 * test instead of being ignored.
 */

/** One curl command, as the request it sends. */
export interface CurlRequest {
  readonly method: string;
  /** Path and query string (the origin is dropped: TestClient needs no port). */
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body?: string;
  /** A multipart body (`-F`), encoded when sent. */
  readonly form?: FormData;
}

/** Splits a shell command line into words: single and double quotes, backslash escapes. */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (ch === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) throw new Error(`unterminated ' in: ${line}`);
      word = (word ?? '') + line.slice(i + 1, end);
      i = end;
    } else if (ch === '"') {
      let text = '';
      for (i++; i < line.length && line[i] !== '"'; i++) text += line[i] === '\\' && /["\\$`]/.test(line[i + 1] ?? '') ? line[++i] : line[i];
      if (i >= line.length) throw new Error(`unterminated " in: ${line}`);
      word = (word ?? '') + text;
    } else if (ch === '\\') {
      word = (word ?? '') + (line[++i] ?? '');
    } else if (/\s/.test(ch)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else {
      word = (word ?? '') + ch;
    }
  }
  if (word !== undefined) words.push(word);
  return words;
}

/** The curl commands of a shell example, in order (`#` comments and other commands skipped). */
export function curlCommands(file: string): CurlRequest[] {
  const text = readFileSync(file, 'utf8').replace(/\\\n\s*/g, ' ');
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.startsWith('curl '))
    .map((line) => parseCurl(shellWords(line).slice(1), dirname(file)));
}

function parseCurl(args: string[], dir: string): CurlRequest {
  let method: string | undefined;
  let url: string | undefined;
  const headers: Record<string, string> = {};
  const data: string[] = [];
  const form = new FormData();
  let multipart = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const value = () => {
      const next = args[++i];
      if (next === undefined) throw new Error(`curl ${arg} needs a value`);
      return next;
    };
    if (arg === '-X' || arg === '--request') method = value();
    else if (arg === '-H' || arg === '--header') {
      const [name, ...rest] = value().split(':');
      const text = rest.join(':').trim();
      // As in curl, `-H 'Name:'` sends no such header at all.
      if (text === '') delete headers[name!.trim().toLowerCase()];
      else headers[name!.trim().toLowerCase()] = text;
    } else if (arg === '-d' || arg === '--data') data.push(value());
    else if (arg === '--data-urlencode') {
      const [name, ...rest] = value().split('=');
      data.push(`${name}=${encodeURIComponent(rest.join('='))}`);
    } else if (arg === '-F' || arg === '--form') {
      multipart = true;
      const [name, ...rest] = value().split('=');
      const field = rest.join('=');
      if (field.startsWith('@')) {
        const [path, ...params] = field.slice(1).split(';');
        const type = params.find((param) => param.startsWith('type='))?.slice(5) ?? 'application/octet-stream';
        const file = resolve(dir, path!);
        form.append(name!, new Blob([readFileSync(file)], { type }), path!.split('/').pop());
      } else form.append(name!, field);
    } else if (arg === '-b' || arg === '--cookie') headers.cookie = value();
    else if (['-i', '-s', '--include', '--silent', '--http2-prior-knowledge'].includes(arg)) continue; // how curl shows or sends, not what
    else if (arg.startsWith('-')) throw new Error(`curl option ${arg} is not understood by docs_src/support/curl.ts`);
    else url = arg;
  }
  if (!url) throw new Error(`curl without a URL: ${args.join(' ')}`);
  const { pathname, search } = new URL(url);
  const path = pathname + search;
  if (multipart) return { method: method ?? 'POST', url: path, headers, form };
  if (data.length > 0) {
    headers['content-type'] ??= 'application/x-www-form-urlencoded';
    return { method: method ?? 'POST', url: path, headers, body: data.join('&') };
  }
  return { method: method ?? 'GET', url: path, headers };
}

/** Sends every curl command of `file` to `app`, in order, and returns the responses. */
export async function replayCurl(app: TrellisApp, file: string): Promise<TestResponse[]> {
  const client = new TestClient(app);
  const responses: TestResponse[] = [];
  for (const request of curlCommands(file)) {
    const headers = { ...request.headers };
    let body: string | Buffer | undefined = request.body;
    if (request.form) {
      // What curl -F sends: a multipart body with its boundary, encoded by the platform.
      const encoded = new Response(request.form);
      headers['content-type'] = encoded.headers.get('content-type')!;
      body = Buffer.from(await encoded.arrayBuffer());
    }
    responses.push(await client.request(request.method, request.url, { headers, ...(body !== undefined ? { body } : {}) }));
  }
  return responses;
}

/** The one curl command of `file`, replayed. */
export async function replayOne(app: TrellisApp, file: string): Promise<TestResponse> {
  const responses = await replayCurl(app, file);
  if (responses.length !== 1) throw new Error(`${file} has ${responses.length} curl commands, expected 1`);
  return responses[0]!;
}
