import { readFields, writtenFields, type FieldDescription } from '@trellis/metadata';
import type { SchemaMode } from './field-schema';

/**
 * The fields of a DTO in one direction, named by their external key. Input: exactly what the
 * validator checks, under the key it reads. Output: exactly what the response serializer
 * writes (class-transformer's `@Exclude`/`@Expose`, renames included), so neither document
 * can drift from what is read or sent.
 */
export function modelFields(model: Function, mode: SchemaMode): readonly FieldDescription[] {
  const fields = mode === 'input' ? readFields(model) : writtenFields(model);
  return fields.map(({ field, key }) => (key === field.name ? field : { ...field, name: key }));
}
