import type { Class } from '../types';

/** One member of a discriminated union: the class chosen when the tag field holds `tag`. */
export interface UnionVariant {
  readonly tag: string;
  readonly model: Function;
}

/**
 * A value that is one of several DTO classes, chosen by a tag field (Pydantic's
 * discriminated union). Read from class-transformer's `@Type(() => Base, { discriminator })`
 * on a DTO field, or made with `discriminatedUnion()` for a whole body or response model.
 * `T` is the union of the variants' instance types (for inference only).
 */
export interface DiscriminatedUnion<T = unknown> {
  readonly kind: 'discriminated-union';
  /** The tag field (`pet_type`). */
  readonly property: string;
  readonly variants: readonly UnionVariant[];
  /** Never set: carries the variants' instance type for `TypeOfSpec`. */
  readonly _type?: T;
}

/** class-transformer's `discriminator` option of `@Type`, which `discriminatedUnion` takes as is. */
export interface DiscriminatorOptions<S extends readonly { readonly name: string; readonly value: Class }[] = readonly { readonly name: string; readonly value: Class }[]> {
  readonly property: string;
  readonly subTypes: S;
}

/**
 * A discriminated union for a whole body (`@Body({ type })`) or a response model
 * (`response`), written like class-transformer's `discriminator` option.
 * @example
 * const Pet = discriminatedUnion({ property: 'pet_type', subTypes: [{ name: 'cat', value: Cat }, { name: 'dog', value: Dog }] });
 * @Post('/pets', { responseModel: Pet }) create(@Body(undefined, { type: Pet }) pet: Cat | Dog) {}
 */
export function discriminatedUnion<const S extends readonly { readonly name: string; readonly value: Class }[]>(
  options: DiscriminatorOptions<S>,
): DiscriminatedUnion<InstanceType<S[number]['value']>> {
  return Object.freeze({
    kind: 'discriminated-union' as const,
    property: options.property,
    variants: Object.freeze(options.subTypes.map((sub) => Object.freeze({ tag: sub.name, model: sub.value as Function }))),
  });
}

/** Whether a `{ type }` or response model is a discriminated union. */
export function isDiscriminatedUnion(value: unknown): value is DiscriminatedUnion {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'discriminated-union';
}
