import type { BodyOptions, ParamOptions } from '@trellis/metadata';
import { startupError } from '../errors';
import type { ParamSite } from './compile-param';

/** The sources whose values are converted and validated by their declared type. */
export type TypedSource = 'path' | 'query' | 'header' | 'cookie' | 'body' | 'form';

/** Why TypeScript left only `Object` in `design:paramtypes`, said once for every source. */
const ERASED =
  'its TypeScript type was erased to Object in the emitted metadata (TypeScript does so for a union such as "string | undefined", ' +
  'an interface or a type literal, "unknown" or "any", and a class imported with "import type"), so nothing says how to convert or validate it';

const DECLARE_SCALAR = "declare it with { type }: 'string', 'integer', 'number', 'boolean', 'date', [String] for a list…, or { type: 'any' } to take the raw value unchecked";
const DECLARE_BODY = "declare it with { type }: a DTO class (imported as a value, not with \"import type\"), 'object' for any JSON object, or 'any' for any value unchecked";

/** No `design:paramtypes` at all, while other routes of the app have them. */
const NO_METADATA_HERE = 'no type information; enable "emitDecoratorMetadata" in tsconfig or pass { type }';

/** No route of the app carries `design:paramtypes`: the compiler, not one declaration, is the cause. */
const NO_METADATA_ANYWHERE =
  "no type information: no route of this app carries TypeScript's design metadata, so the compiler that built it emits none " +
  '(tsx and esbuild never do, nor does Node\'s type stripping); build or run it with one that does — tsc, ts-node, or SWC with ' +
  'decoratorMetadata (as "trellis dev" does) — with "emitDecoratorMetadata" and "experimentalDecorators" in tsconfig, or pass { type }';

const VALUE_KEYWORDS = ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'minLength', 'maxLength', 'pattern'] as const;

/**
 * Refuses, at start-up, a parameter whose type cannot be known: no `{ type }` and a design
 * type that is missing or was erased to `Object` (a silent raw value before), `{ type: 'object' }`
 * outside a body, and value constraints on a value declared unchecked (they would never run).
 * `named` dependency inputs carry no design type by nature and are typed by their marker.
 */
export function checkDeclaredType(
  source: TypedSource,
  options: ParamOptions | BodyOptions,
  designType: unknown,
  site: ParamSite,
  context: { readonly named: boolean; readonly appHasDesignTypes: boolean },
): void {
  const fail = (reason: string): never => {
    throw startupError('TRELLIS_PARAM_NO_TYPE', { site: site.label, reason });
  };
  const spec = options.type;
  if (spec === 'object' && source !== 'body') {
    fail(`{ type: 'object' } is a JSON object and only a body can hold one; @${capitalize(source)} values are strings (several of them can be read into a DTO class)`);
  }
  if (spec === 'any' || spec === 'object') {
    const checked = VALUE_KEYWORDS.filter((keyword) => options[keyword] !== undefined);
    if (checked.length > 0) fail(`${checked.join(', ')} would never be checked on a value declared { type: '${spec}' }; declare its type (e.g. { type: 'string' })`);
    return;
  }
  if (spec !== undefined || options.enum !== undefined || context.named) return;
  if (designType === undefined) fail(context.appHasDesignTypes ? NO_METADATA_HERE : NO_METADATA_ANYWHERE);
  if (designType === Object) fail(`${ERASED}; ${source === 'body' ? DECLARE_BODY : DECLARE_SCALAR}`);
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
