/**
 * What the Hono servers (./hono-zod-openapi.ts and the generated large app) share: the
 * `defaultHook` that answers a validation failure. Hono's own answer is 400 with the raw zod
 * result; this one is 422 {"detail": [{type, loc, msg}]} like the other implementations (the
 * benchmark compares 422s), with FastAPI's names for where the value was.
 */
import { z, type Hook } from '@hono/zod-openapi';
import type { Env } from 'hono';

const LOCATION = { param: 'path', query: 'query', header: 'header', json: 'body', form: 'body', cookie: 'cookie' } as const;

export const validationFailed: Hook<unknown, Env, string, Response | undefined> = (result, c) => {
  if (result.success) return undefined;
  const where = LOCATION[result.target as keyof typeof LOCATION] ?? result.target;
  const detail = result.error.issues.map((issue) => ({
    type: issue.code,
    loc: [where, ...issue.path.map((key) => (typeof key === 'symbol' ? String(key) : key))],
    msg: issue.message,
  }));
  return c.json({ detail }, 422);
};

/** The body `validationFailed` answers, for the routes' documented 422 responses. */
export const ValidationError = z
  .object({ detail: z.array(z.object({ type: z.string(), loc: z.array(z.union([z.string(), z.number()])), msg: z.string() })) })
  .openapi('ValidationError');

export const validationResponse = { content: { 'application/json': { schema: ValidationError } }, description: 'Validation error' };

/** A documented JSON response: `responses: { 200: json(Item, 'The item') }`. */
export const json = <T extends z.ZodType>(schema: T, description: string) => ({ content: { 'application/json': { schema } }, description });
