import type { JsonSchema } from '../schema/json-schema';

/** FastAPI's `ValidationError` component: one item of a 422's `detail`. */
export const VALIDATION_ERROR_SCHEMA: JsonSchema = {
  properties: {
    loc: { items: { anyOf: [{ type: 'string' }, { type: 'integer' }] }, type: 'array', title: 'Location' },
    msg: { type: 'string', title: 'Message' },
    type: { type: 'string', title: 'Error Type' },
    input: { title: 'Input' },
    ctx: { type: 'object', title: 'Context' },
  },
  type: 'object',
  required: ['loc', 'msg', 'type'],
  title: 'ValidationError',
};

/** FastAPI's `HTTPValidationError` component: the body of the default 422. */
export const HTTP_VALIDATION_ERROR_SCHEMA: JsonSchema = {
  properties: {
    detail: { items: { $ref: '#/components/schemas/ValidationError' }, type: 'array', title: 'Detail' },
  },
  type: 'object',
  title: 'HTTPValidationError',
};

/**
 * The body of every `HTTPException` response, `{"detail": …}` (detail is any JSON value):
 * what declared error responses without a model and the 401 of secured operations document.
 */
export const HTTP_ERROR_SCHEMA: JsonSchema = {
  properties: { detail: { title: 'Detail' } },
  type: 'object',
  required: ['detail'],
  title: 'HTTPError',
};
