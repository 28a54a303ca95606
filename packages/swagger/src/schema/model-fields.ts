import { describeModelFields, writtenFields, type FieldDescription } from '@trellis/metadata';
import type { SchemaMode } from './field-schema';

/**
 * The fields of a DTO in one direction. Input: exactly what the validator checks. Output:
 * exactly what the response serializer writes (class-transformer's `@Exclude`/`@Expose`,
 * renames included), so the documented output cannot drift from what is sent.
 */
export function modelFields(model: Function, mode: SchemaMode): readonly FieldDescription[] {
  if (mode === 'input') return describeModelFields(model);
  return writtenFields(model).map(({ field, key }) => (key === field.name ? field : { ...field, name: key }));
}
