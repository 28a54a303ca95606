import type { EnumLike, ScalarTypeName, TypeSpec } from '../types';
import { isDiscriminatedUnion, type DiscriminatedUnion } from './discriminated-union';
import { enumValues } from './enum-values';
import { isModelClass } from './field-shape';

/**
 * What a parameter's value is, decided once from `{ type }`, `{ enum }` or
 * `design:paramtypes`: a scalar (with its allowed values for an enum), a list, a DTO
 * class, any JSON object (`{ type: 'object' }`), or any value. The validator converts to it and
 * the OpenAPI schema describes it.
 */
export type ResolvedType =
  | { readonly kind: 'scalar'; readonly scalar: ScalarTypeName; readonly enumValues: readonly (string | number)[] | undefined }
  | { readonly kind: 'list'; readonly item: ResolvedType }
  | { readonly kind: 'model'; readonly model: Function }
  | { readonly kind: 'union'; readonly union: DiscriminatedUnion }
  /** A plain union of scalars (`['integer', 'string']`), in declared order. */
  | { readonly kind: 'scalarUnion'; readonly scalars: readonly ScalarTypeName[] }
  | { readonly kind: 'object' }
  | { readonly kind: 'any' };

const BY_NAME: Record<string, ScalarTypeName> = {
  string: 'string',
  number: 'number',
  integer: 'integer',
  boolean: 'boolean',
  date: 'date',
  bigint: 'bigint',
};

const BY_CONSTRUCTOR = new Map<unknown, ScalarTypeName>([
  [String, 'string'],
  [Number, 'number'],
  [Boolean, 'boolean'],
  [Date, 'date'],
  [BigInt, 'bigint'],
]);

const scalar = (kind: ScalarTypeName, values?: readonly (string | number)[]): ResolvedType => ({
  kind: 'scalar',
  scalar: kind,
  enumValues: values,
});

/**
 * Resolves a declared type; `undefined` when it says nothing (no spec, no metadata).
 * @example
 * resolveType('integer', Number, undefined); // { kind: 'scalar', scalar: 'integer', enumValues: undefined }
 * resolveType(undefined, Array, undefined);  // { kind: 'list', item: { kind: 'scalar', scalar: 'string', … } }
 */
export function resolveType(
  spec: TypeSpec | undefined,
  designType: unknown,
  enumOption: EnumLike | readonly (string | number)[] | undefined,
): ResolvedType | undefined {
  if (enumOption !== undefined) {
    const values = enumValues(enumOption);
    const item = scalar(values.every((v) => typeof v === 'number') ? 'number' : 'string', values);
    return designType === Array || Array.isArray(spec) ? { kind: 'list', item } : item;
  }
  if (spec !== undefined) return fromSpec(spec);
  if (designType === undefined) return undefined;
  if (designType === Array) return { kind: 'list', item: scalar('string') };
  const known = BY_CONSTRUCTOR.get(designType);
  if (known) return scalar(known);
  if (designType === Object) return { kind: 'any' };
  if (isModelClass(designType)) return { kind: 'model', model: designType };
  return { kind: 'any' };
}

function fromSpec(spec: TypeSpec): ResolvedType {
  if (spec === 'object') return { kind: 'object' };
  if (spec === 'any') return { kind: 'any' };
  if (isDiscriminatedUnion(spec)) return { kind: 'union', union: spec };
  if (typeof spec === 'string') return scalar(BY_NAME[spec] ?? 'string');
  if (Array.isArray(spec) && spec.length > 1) {
    return { kind: 'scalarUnion', scalars: (spec as readonly TypeSpec[]).map((member) => scalarOfSpec(member)) };
  }
  if (Array.isArray(spec)) return { kind: 'list', item: fromSpec(spec[0] as TypeSpec) };
  const known = BY_CONSTRUCTOR.get(spec);
  if (known) return scalar(known);
  return isModelClass(spec) ? { kind: 'model', model: spec as Function } : { kind: 'any' };
}

/** A union member's scalar (the type allows scalars only; anything else reads as a string). */
function scalarOfSpec(spec: TypeSpec): ScalarTypeName {
  const resolved = fromSpec(spec);
  return resolved.kind === 'scalar' ? resolved.scalar : 'string';
}
