import { describeModelFields, fieldShape, headerFieldName } from '@trellis/metadata';
import type { RequestContext } from '../runtime/request-context';

/**
 * Reads the headers of a `@Header()` parameter model into the object its validator checks:
 * each field under its own name, read from its converted header (`save_data` ← `save-data`);
 * every other header under its own name, so `extra: 'forbid'` can name it and a missing
 * field's `input` shows what was sent, as FastAPI's `request_params_to_args` does.
 * The field → header table is built once, here, at start-up.
 */
export function headerModelSource(model: Function): (ctx: RequestContext) => Record<string, unknown> {
  const fields = describeModelFields(model).map((field) => ({ name: field.name, header: headerFieldName(field.name), list: fieldShape(field).list }));
  // A header spelled like the field (`save_data`) is not an extra either, as in FastAPI.
  const read = new Set(fields.flatMap((field) => [field.header, field.name]));
  return (ctx) => {
    const headers = ctx.request.headers;
    // Node joins repeated headers with ", "; headersDistinct keeps them apart for list fields.
    const distinct = ctx.request.raw.headersDistinct as Record<string, string[]> | undefined;
    // Null prototype: a `__proto__` header is data, not the object's prototype.
    const out = Object.create(null) as Record<string, unknown>;
    for (const field of fields) {
      const value = field.list ? (distinct?.[field.header] ?? headers[field.header]) : headers[field.header];
      if (value !== undefined) out[field.name] = value;
    }
    for (const key in headers) if (!read.has(key)) out[key] = headers[key];
    return out;
  };
}
