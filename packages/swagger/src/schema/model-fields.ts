import { describeModelFields, type FieldDescription } from '@trellis/fastify';
import { readDesignType } from '@trellis/metadata';
import type { SchemaMode } from './field-schema';
import { CLASS_TO_PLAIN, transformerStorage } from './transformer-storage';

/**
 * The fields of a DTO in one direction. Input: exactly what the validator checks.
 * Output: those minus class-transformer's `@Exclude` for class→plain (a password field),
 * plus `@Expose({ toPlainOnly: true })` properties (computed getters).
 */
export function modelFields(model: Function, mode: SchemaMode): FieldDescription[] {
  const fields = describeModelFields(model);
  if (mode === 'input') return fields;
  const excluded = new Set(transformerStorage.getExcludedProperties(model, CLASS_TO_PLAIN));
  const exposed = transformerStorage.getExposedProperties(model, CLASS_TO_PLAIN);
  let out = fields.filter((field) => !excluded.has(field.name));
  if (transformerStorage.getStrategy(model) === 'excludeAll') out = out.filter((field) => exposed.includes(field.name));
  for (const name of exposed) {
    if (excluded.has(name) || out.some((field) => field.name === name)) continue;
    out.push({
      name,
      designType: readDesignType(model.prototype as object, name),
      typeHint: undefined,
      optional: false,
      defined: false,
      conditions: [],
      constraints: [],
    });
  }
  return out;
}
