import { request, type IncomingMessage } from 'node:http';

/** A response read in full over a real socket. */
export interface HttpResult {
  readonly status: number;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

/** One request over a fresh connection (no keep-alive), the body read to the end. */
export function httpRequest(base: string, path: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<HttpResult> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { method: init.method ?? 'GET', headers: init.headers, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

/** Resolves once `condition()` holds; rejects after `ms`. */
export async function until(condition: () => boolean, ms = 3000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** A promise and the function that settles it. */
export function deferred<T = void>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** Pino lines captured from an app's logger, parsed. */
export function logSink(): { lines: { level: number; msg: string; [key: string]: unknown }[]; stream: { write(line: string): void } } {
  const lines: { level: number; msg: string }[] = [];
  return { lines, stream: { write: (line: string) => void lines.push(JSON.parse(line) as { level: number; msg: string }) } };
}
