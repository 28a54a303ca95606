import { resolveType, type BodyOptions, type ErrorLocation, type InputDescription, type ParamLocation, type ParamOptions, type ResolvedType, type ValidationErrorItem } from '@trellis/metadata';
import { startupError } from '../errors';
import { RouteMismatch } from '../http/route-mismatch';
import type { RequestContext } from '../runtime/request-context';
import { compileModel } from '../validation/compile-model';
import type { ValidationLimits } from '../validation/validation-limits';
import type { ValueCheck } from '../validation/value-check';
import { err } from '../validation/error-items';
import { INVALID } from '../validation/invalid';
import { compileJsonCheck } from './compile-json-check';
import { compileScalarCheck, type ScalarCheck } from './compile-scalar-check';
import { compileItemCheck, compileScalarUnionCheck } from './compile-scalar-union';
import { headerModelSource } from './header-model-source';

/** Reads one parameter from the request; INVALID after pushing its errors to `ctx.errors`. */
export type Extractor = (ctx: RequestContext) => unknown;

export interface CompiledParam {
  readonly extract: Extractor;
  readonly docs: readonly InputDescription[];
}

type RawReader = (ctx: RequestContext) => unknown;

const READERS: Record<ParamLocation, (name: string) => RawReader> = {
  path: (name) => (ctx) => {
    const value = (ctx.request.params as Record<string, string | undefined>)[name];
    if (value === '') throw new RouteMismatch();
    return value;
  },
  query: (name) => (ctx) => (ctx.request.query as Record<string, unknown>)[name],
  header: (name) => (ctx) => {
    const joined = ctx.request.headers[name];
    // Node joins a repeated header with ", "; Starlette's Headers.get takes the first value.
    // Only a value with a comma can be a join: headersDistinct (built once per request) tells.
    if (typeof joined !== 'string' || !joined.includes(',')) return joined;
    return (ctx.request.raw.headersDistinct as Record<string, string[]> | undefined)?.[name]?.[0] ?? joined;
  },
  cookie: (name) => (ctx) => ctx.cookies()[name],
};

const LIST_READERS: Partial<Record<ParamLocation, (name: string) => RawReader>> = {
  // Node joins repeated headers with ", "; headersDistinct keeps them apart. Requests that
  // are not Node's IncomingMessage (inject, some HTTP/2 paths) lack it: fall back to headers.
  header: (name) => (ctx) => (ctx.request.raw.headersDistinct as Record<string, string[]> | undefined)?.[name] ?? ctx.request.headers[name],
};

const WHOLE_SOURCE: Record<ParamLocation, RawReader> = {
  path: (ctx) => ctx.request.params,
  query: (ctx) => ctx.request.query,
  header: (ctx) => ctx.request.headers,
  cookie: (ctx) => ctx.cookies(),
};

/**
 * The reader of one named value. Names every object inherits (`constructor`, `toString`,
 * `__proto__`…) are read as own properties only, so an absent `?constructor` is absent
 * rather than `Object`; other names keep the plain read (decided once, here).
 */
function readerFor(location: ParamLocation, name: string, list: boolean): RawReader {
  const read = ((list ? LIST_READERS[location] : undefined) ?? READERS[location])(name);
  if (!(name in Object.prototype)) return read;
  const whole = WHOLE_SOURCE[location];
  return (ctx) => (Object.prototype.hasOwnProperty.call(whole(ctx), name) ? read(ctx) : undefined);
}

/** Why a parameter has no type: the reason of TRELLIS_PARAM_NO_TYPE when nothing declares one. */
export const NO_TYPE_INFORMATION = 'no type information; enable "emitDecoratorMetadata" in tsconfig or pass { type }';

const NAME_EXAMPLES: Record<ParamLocation, string> = { path: 'id', query: 'limit', header: 'x-token', cookie: 'session' };

/** Where a parameter is declared, for start-up errors: `Users.get() parameter #1 (@Query('limit'))`. */
export interface ParamSite {
  readonly label: string;
  /** `createApp({ strict: true })`: JSON bodies in Pydantic's strict mode. */
  readonly strict?: boolean;
  /** The app's validation limits (`createApp({ limits })`); the defaults when absent. */
  readonly limits?: ValidationLimits;
}

/** How an absent value is answered: the default (a fresh copy), `undefined` when optional, or a `missing` error. */
export function defaultOrMissing(
  options: ParamOptions,
  loc: ErrorLocation,
): { readonly required: boolean; readonly absent: (errors: ValidationErrorItem[]) => unknown } {
  if (options.default !== undefined) {
    const fallback = options.default;
    // A shared default object would leak one request's mutations into the next.
    const fresh = typeof fallback === 'object' && fallback !== null ? () => structuredClone(fallback) : () => fallback;
    return { required: false, absent: fresh };
  }
  if (options.optional) return { required: false, absent: () => undefined };
  return {
    required: true,
    absent: (errors) => {
      err.missing(errors, loc, null);
      return INVALID;
    },
  };
}

/** Compiles a `@Path/@Query/@Header/@Cookie` parameter into its extractor. */
export function compileLocationParam(
  location: ParamLocation,
  declaredName: string | undefined,
  options: ParamOptions,
  designType: unknown,
  site: ParamSite,
  pathParams: readonly string[],
): CompiledParam {
  const type = resolveType(options.type, designType, options.enum);
  if (type === undefined) {
    throw startupError('TRELLIS_PARAM_NO_TYPE', { site: site.label, reason: NO_TYPE_INFORMATION });
  }
  if (declaredName === undefined) {
    if (type.kind === 'model' && location !== 'path') return compileLocationModel(location, type.model, site);
    throw startupError('TRELLIS_PARAM_NO_NAME', {
      site: site.label,
      source: capitalize(location),
      example: NAME_EXAMPLES[location],
      alternative: location === 'path' ? '' : ', unless its type is a DTO class',
    });
  }
  if (location === 'path' && !pathParams.includes(declaredName)) {
    throw startupError('TRELLIS_PATH_PARAM_UNKNOWN', {
      site: site.label,
      name: declaredName,
      declared: pathParams.length ? pathParams.map((p) => `:${p}`).join(', ') : 'no parameters',
    });
  }
  const name = location === 'header' ? declaredName.toLowerCase() : declaredName;
  const loc: ErrorLocation = [location, name];
  const { required, absent } = location === 'path' ? { required: true, absent: defaultOrMissing({}, loc).absent } : defaultOrMissing(options, loc);
  const docs: InputDescription[] = [{ in: location, name, required, type, options }];

  if (type.kind === 'list') {
    const item = compileItemCheck(type.item, options);
    const read = readerFor(location, name, true);
    return { docs, extract: listExtractor(read, item, loc, absent) };
  }
  if (type.kind !== 'scalar' && type.kind !== 'scalarUnion') {
    // `{ type: 'any' }`: the raw string, unchecked; repeated, picked as a scalar is.
    const read = readerFor(location, name, false);
    const pick = location === 'header' ? firstOf : lastOf;
    return {
      docs,
      extract: (ctx) => {
        const raw = read(ctx);
        if (raw === undefined) return absent(ctx.errors);
        return Array.isArray(raw) ? pick(raw) : raw;
      },
    };
  }
  const check = type.kind === 'scalarUnion' ? compileScalarUnionCheck(type.scalars, options) : compileScalarCheck(type.scalar, options, type.enumValues);
  const read = readerFor(location, name, false);
  const pick = location === 'header' ? firstOf : lastOf;
  return {
    docs,
    extract: (ctx) => {
      const raw = read(ctx);
      if (raw === undefined) return absent(ctx.errors);
      return check((Array.isArray(raw) ? pick(raw) : raw) as string, loc, ctx.errors);
    },
  };
}

/*
 * A scalar given several times takes one value, as Starlette's multidicts do: the last for
 * the query string (QueryParams.get), the first for headers (Headers.get).
 */
const lastOf = (values: readonly unknown[]): unknown => values[values.length - 1];
const firstOf = (values: readonly unknown[]): unknown => values[0];

function listExtractor(
  read: RawReader,
  item: ScalarCheck | undefined,
  loc: ErrorLocation,
  absent: (errors: ValidationErrorItem[]) => unknown,
): Extractor {
  return (ctx) => {
    const raw = read(ctx);
    if (raw === undefined) return absent(ctx.errors);
    const values = (Array.isArray(raw) ? raw : [raw]) as string[];
    if (!item) return values;
    const before = ctx.errors.length;
    const out = values.map((value, index) => item(value, [...loc, index], ctx.errors));
    return ctx.errors.length === before ? out : INVALID;
  };
}

function compileLocationModel(location: ParamLocation, model: Function, site: ParamSite): CompiledParam {
  const validator = compileModel(model, 'lax', site.label, site.limits);
  const read = location === 'header' ? headerModelSource(model) : WHOLE_SOURCE[location];
  const loc: ErrorLocation = [location];
  return {
    docs: [{ in: location, name: undefined, required: true, type: { kind: 'model', model }, options: {} }],
    extract: (ctx) => validator.validate(read(ctx) ?? {}, loc, ctx.errors, 0),
  };
}

/** Compiles a `@Body()` (whole body) or `@Body('name')` (one embedded field) parameter. */
export function compileBodyParam(name: string | undefined, options: BodyOptions, designType: unknown, site: ParamSite): CompiledParam {
  const type: ResolvedType = resolveType(options.type, designType, options.enum) ?? { kind: 'any' };
  const loc: ErrorLocation = name === undefined ? ['body'] : ['body', name];
  const { required, absent } = defaultOrMissing(options, loc);
  const check: ValueCheck = compileJsonCheck(type, options, site);
  const docs: InputDescription[] = [{ in: 'body', name, required, type, options }];
  if (name === undefined) {
    return {
      docs,
      extract: (ctx) => {
        const body = ctx.request.body;
        // FastAPI treats an empty body and JSON null alike: the body is missing.
        if (body === undefined || body === null) return absent(ctx.errors);
        return check(body, loc, ctx.errors, 0);
      },
    };
  }
  return {
    docs,
    extract: (ctx) => {
      const body = ctx.request.body;
      if (body !== undefined && body !== null && (typeof body !== 'object' || Array.isArray(body))) {
        reportBodyShapeOnce(ctx.errors, body);
        return INVALID;
      }
      const value = body == null || !Object.prototype.hasOwnProperty.call(body, name) ? undefined : (body as Record<string, unknown>)[name];
      if (value === undefined || (value === null && !required)) return value === null ? null : absent(ctx.errors);
      return check(value, loc, ctx.errors, 0);
    },
  };
}

function reportBodyShapeOnce(errors: ValidationErrorItem[], body: unknown): void {
  const already = errors.some((e) => e.type === 'model_attributes_type' && e.loc.length === 1 && e.loc[0] === 'body');
  if (!already) err.modelAttributesType(errors, ['body'], body);
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
