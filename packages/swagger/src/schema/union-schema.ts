import type { DiscriminatedUnion } from '@trellis/metadata';
import type { RefFor, SchemaMode } from './field-schema';
import type { JsonSchema } from './json-schema';

/**
 * A discriminated union as OpenAPI 3.1 spells it, and as FastAPI documents Pydantic's:
 * `oneOf` the variants' `$ref`s, with `discriminator.mapping` from each tag to its `$ref`.
 * The `$ref` objects are named later (ModelSchemas fills them in), so each mapping entry
 * reads its `$ref` when the document is serialized rather than copying it now.
 * @example
 * unionSchema(Pet, 'input', refFor); // { oneOf: [{ $ref: '…/Cat' }, …], discriminator: { propertyName: 'pet_type', mapping: { cat: '…/Cat', … } } }
 */
export function unionSchema(union: DiscriminatedUnion, mode: SchemaMode, refFor: RefFor): JsonSchema {
  const oneOf: JsonSchema[] = [];
  const mapping: Record<string, string> = {};
  for (const variant of union.variants) {
    const ref = refFor(variant.model, mode);
    if (!oneOf.includes(ref)) oneOf.push(ref);
    Object.defineProperty(mapping, variant.tag, { enumerable: true, get: () => ref.$ref as string });
  }
  return { oneOf, discriminator: { propertyName: union.property, mapping } };
}
