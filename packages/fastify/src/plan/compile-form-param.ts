import { HTTPException, resolveType, UploadFile, type ErrorLocation, type FileOptions, type FormOptions, type InputDescription, type ValidationErrorItem } from '@trellis/metadata';
import { startupError } from '../errors';
import { formOf, type FormFields, type FormValue } from '../forms/form-fields';
import type { RequestContext } from '../runtime/request-context';
import { compileModel } from '../validation/compile-model';
import { err } from '../validation/error-items';
import { INVALID } from '../validation/invalid';
import { defaultOrMissing, NO_TYPE_INFORMATION, type CompiledParam, type ParamSite } from './compile-param';
import { compileItemCheck, compileScalarUnionCheck } from './compile-scalar-union';
import { compileScalarCheck } from './compile-scalar-check';

// A request that is not a form (JSON, no body) reads as an empty form: every field is missing, as in FastAPI.
const EMPTY_FORM = { get: () => undefined, getAll: () => [], toObject: () => ({}) } as unknown as FormFields;
const formIn = (ctx: RequestContext): FormFields => formOf(ctx.request) ?? EMPTY_FORM;

function expectText(value: FormValue, loc: ErrorLocation, errors: ValidationErrorItem[]): string | typeof INVALID {
  if (typeof value === 'string') return value;
  err.stringType(errors, loc, value.filename ?? null);
  return INVALID;
}

/**
 * Compiles `@Form('name')` (one field, coerced like a query parameter; an empty value counts
 * as absent, as FastAPI does) or `@Form()` on a DTO (the whole form validated as that class).
 * Errors are located at `["body", field]`.
 */
export function compileFormParam(name: string | undefined, options: FormOptions, designType: unknown, site: ParamSite): CompiledParam {
  const type = resolveType(options.type, designType, options.enum);
  if (type === undefined) {
    throw startupError('TRELLIS_PARAM_NO_TYPE', { site: site.label, reason: NO_TYPE_INFORMATION });
  }
  if (name === undefined) {
    if (type.kind !== 'model') {
      throw startupError('TRELLIS_PARAM_NO_NAME', { site: site.label, source: 'Form', example: 'username', alternative: ', unless its type is a DTO class' });
    }
    const validator = compileModel(type.model, 'lax', site.label, site.limits);
    const loc: ErrorLocation = ['body'];
    return {
      docs: [{ in: 'form', name: undefined, required: true, type, options }],
      extract: (ctx) => validator.validate(formIn(ctx).toObject(), loc, ctx.errors, 0),
    };
  }
  const loc: ErrorLocation = ['body', name];
  const { required, absent } = defaultOrMissing(options, loc);
  const docs: InputDescription[] = [{ in: 'form', name, required, type, options }];

  if (type.kind === 'list') {
    const item = compileItemCheck(type.item, options);
    return {
      docs,
      extract: (ctx) => {
        const values = formIn(ctx).getAll(name);
        if (values.length === 0) return absent(ctx.errors);
        const before = ctx.errors.length;
        const out = values.map((value, index) => {
          const text = expectText(value, [...loc, index], ctx.errors);
          return text === INVALID || !item ? text : item(text, [...loc, index], ctx.errors);
        });
        return ctx.errors.length === before ? out : INVALID;
      },
    };
  }
  if (type.kind === 'model' || type.kind === 'union') {
    throw startupError('TRELLIS_PARAM_NO_TYPE', {
      site: site.label,
      reason: 'a form field is text; declare it as a string, number, boolean, date, enum or a list of those',
    });
  }
  // `string | undefined` and other unions reach us as Object: a form field is text, so read it as a string.
  const check =
    type.kind === 'scalar'
      ? compileScalarCheck(type.scalar, options, type.enumValues)
      : type.kind === 'scalarUnion'
        ? compileScalarUnionCheck(type.scalars, options)
        : compileScalarCheck('string', options, undefined);
  return {
    docs,
    extract: (ctx) => {
      const value = formIn(ctx).get(name);
      if (value === undefined || value === '') return absent(ctx.errors);
      const text = expectText(value, loc, ctx.errors);
      return text === INVALID ? INVALID : check(text, loc, ctx.errors);
    },
  };
}

/**
 * Compiles `@File('name')`: the field's `UploadFile` (or all of them with `multiple`, or a
 * parameter typed as an array). A text value where a file is expected is a 422 like
 * FastAPI's; a file over `maxSize` stops the request with 413.
 */
export function compileFileParam(name: string, options: FileOptions, designType: unknown, site: ParamSite): CompiledParam {
  // dependency() inputs arrive typed String (no design:type); only a declared parameter type can be wrong.
  if (designType !== undefined && designType !== String && designType !== UploadFile && designType !== Array && designType !== Object) {
    const typeName = typeof designType === 'function' ? designType.name : String(designType);
    throw startupError('TRELLIS_PARAM_NO_TYPE', { site: site.label, reason: `@File('${name}') gives an UploadFile (or UploadFile[]), not ${typeName}` });
  }
  const multiple = options.multiple ?? designType === Array;
  const required = !options.optional;
  const loc: ErrorLocation = ['body', name];
  const maxSize = options.maxSize;
  const docs: InputDescription[] = [{ in: 'file', name, required, multiple, options }];
  const checkFile = (value: FormValue, at: ErrorLocation, errors: ValidationErrorItem[]): UploadFile | typeof INVALID => {
    if (!(value instanceof UploadFile)) {
      err.valueError(errors, at, value, "Value error, Expected UploadFile, received: <class 'str'>");
      return INVALID;
    }
    if (maxSize !== undefined && value.size > maxSize) throw new HTTPException(413, 'File too large');
    return value;
  };
  return {
    docs,
    extract: (ctx) => {
      const values = formIn(ctx).getAll(name);
      if (values.length === 0 || (values.length === 1 && values[0] === '')) {
        if (!required) return undefined;
        err.missing(ctx.errors, loc, null);
        return INVALID;
      }
      if (!multiple) return checkFile(values[values.length - 1]!, loc, ctx.errors);
      const before = ctx.errors.length;
      const files = values.map((value, index) => checkFile(value, [...loc, index], ctx.errors));
      return ctx.errors.length === before ? files : INVALID;
    },
  };
}
