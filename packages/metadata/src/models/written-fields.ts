import { readDesignType } from '../metadata-store';
import { describeModelFields, type FieldDescription } from './describe-model-fields';
import { excludedProperties, excludesAll, exposedProperties, exposeOf, typeHintOf } from './transformer-storage';

/** A field a model writes, and the key it is written under (`@Expose({ name })` renames). */
export interface WrittenField {
  readonly field: FieldDescription;
  readonly key: string;
}

/**
 * The fields a model writes when it is a response: those class-validator or
 * class-transformer declare (the same list validation uses), minus `@Exclude()`d ones;
 * with `@Exclude()` on the class, only `@Expose()`d ones. The response serializer and the
 * OpenAPI output schema both start here, so what is documented is what is sent.
 * @example
 * writtenFields(UserOut).map((w) => w.key); // ['id', 'email'] (no password)
 */
export function writtenFields(target: Function): WrittenField[] {
  const byName = new Map(describeModelFields(target).map((field) => [field.name, field]));
  // Properties exposed only when writing (`@Expose({ toPlainOnly: true })`, getters) are not in the input description.
  for (const name of exposedProperties(target, 'write')) {
    if (!byName.has(name)) byName.set(name, bareField(target, name));
  }
  const excludeAll = excludesAll(target);
  const excluded = new Set(excludedProperties(target, 'write'));
  const written: WrittenField[] = [];
  for (const field of byName.values()) {
    if (excluded.has(field.name)) continue;
    const expose = exposeOf(target, field.name);
    if (excludeAll && !expose) continue;
    written.push({ field, key: expose?.name ?? field.name });
  }
  return written;
}

function bareField(target: Function, name: string): FieldDescription {
  const designType = readDesignType(target.prototype as object, name);
  return { name, designType, typeHint: typeHintOf(target, name), optional: false, defined: false, conditions: [], constraints: [], enumName: undefined };
}
