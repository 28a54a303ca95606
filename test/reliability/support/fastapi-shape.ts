import type { LightMyRequestResponse } from 'fastify';

/*
 * The invariant every hostile request must satisfy: a 2xx or 4xx (never 5xx), JSON that is
 * valid UTF-8, and for errors FastAPI's shape — `{"detail": ...}` with, for 422, a list of
 * `{type, loc, msg, input}` items located in a request source.
 */

const SOURCES = new Set(['body', 'query', 'path', 'header', 'cookie']);
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Returns a description of what is wrong with the response, or `undefined` when it is fine. */
export function shapeProblem(
  res: { statusCode: number; headers: Record<string, unknown>; rawPayload: Buffer },
  method = 'GET',
): string | undefined {
  const { statusCode: status } = res;
  if (status >= 500) return `status ${status}`;
  if (status < 200 || (status >= 300 && status < 400)) return `unexpected status ${status}`;
  // Node drops the body of a HEAD response on a real socket; inject keeps it, so only the status counts.
  if (method === 'HEAD') return undefined;
  if (status === 204 || status === 304) return res.rawPayload.length === 0 ? undefined : 'a body on a bodyless status';
  const type = String(res.headers['content-type'] ?? '');
  if (!type.startsWith('application/json')) return `content-type ${type}`;
  let text: string;
  try {
    text = strictUtf8.decode(res.rawPayload);
  } catch {
    return 'body is not valid UTF-8';
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return `body is not JSON: ${text.slice(0, 80)}`;
  }
  if (status < 400) return undefined;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'error body is not an object';
  const keys = Object.keys(body);
  if (keys.length !== 1 || keys[0] !== 'detail') return `error body keys ${keys.join(',')}`;
  const { detail } = body as { detail: unknown };
  if (status !== 422) return undefined;
  if (!Array.isArray(detail) || detail.length === 0) return '422 detail is not a non-empty list';
  for (const item of detail as Record<string, unknown>[]) {
    if (typeof item.type !== 'string' || typeof item.msg !== 'string') return `422 item without type/msg: ${JSON.stringify(item)}`;
    if (!('input' in item)) return `422 item without input: ${JSON.stringify(item)}`;
    const loc = item.loc;
    if (!Array.isArray(loc) || loc.length === 0 || !SOURCES.has(loc[0] as string)) return `422 item with bad loc: ${JSON.stringify(loc)}`;
    if (!loc.every((part) => typeof part === 'string' || typeof part === 'number')) return `loc part not string/number: ${JSON.stringify(loc)}`;
  }
  return undefined;
}

/** Rejects when `promise` has not settled within `ms` (a hang is a failure, not a slow test). */
export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`hang: ${what} took over ${ms} ms`)), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export type InjectResponse = LightMyRequestResponse;
