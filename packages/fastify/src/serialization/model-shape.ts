import { StartupError } from '../errors';
import { transformerStorage } from '../validation/class-transformer-storage';
import { describeModelFields, type FieldDescription } from '../validation/model-metadata';
import { outputField, type OutputField } from './output-field';

/** A response model class resolved into the fields it writes, once per class. */
export interface ModelShape {
  readonly target: Function;
  readonly fields: readonly OutputField[];
}

const CLASS_TO_PLAIN = 1;
const shapes = new WeakMap<Function, ModelShape>();

/** A field a model writes, and the key it is written under (`@Expose({ name })` renames). */
export interface WrittenField {
  readonly field: FieldDescription;
  readonly key: string;
}

/**
 * The fields a model writes: those class-validator or class-transformer declare (the
 * same list validation uses), minus `@Exclude()`d ones; with `@Exclude()` on the class,
 * only `@Expose()`d ones. The serializer and the OpenAPI output schema both start here.
 */
export function writtenFields(target: Function): WrittenField[] {
  const described = describeModelFields(target);
  const byName = new Map(described.map((field) => [field.name, field]));
  // Properties exposed only when writing (`@Expose({ toPlainOnly: true })`, getters) are not in the input description.
  for (const name of transformerStorage.getExposedProperties(target, CLASS_TO_PLAIN)) {
    if (!byName.has(name)) byName.set(name, bareField(target, name));
  }
  const excludeAll = transformerStorage.getStrategy(target) === 'excludeAll';
  const excluded = new Set(transformerStorage.getExcludedProperties(target, CLASS_TO_PLAIN));
  const written: WrittenField[] = [];
  for (const field of byName.values()) {
    if (excluded.has(field.name)) continue;
    const expose = transformerStorage.findExposeMetadata(target, field.name);
    if (excludeAll && !expose) continue;
    written.push({ field, key: expose?.options?.name ?? field.name });
  }
  return written;
}

/** A response model class resolved, once, into the fields it writes and how. */
export function modelShape(target: Function, where: string): ModelShape {
  const known = shapes.get(target);
  if (known) return known;
  const defaults = defaultsOf(target);
  const fields = writtenFields(target).map(({ field, key }) => outputField(target, field, key, defaults[field.name]));
  if (fields.length === 0) {
    throw new StartupError(
      'TRELLIS_RESPONSE_MODEL_EMPTY',
      `${where}: response model ${target.name} declares no fields; decorate its properties (class-validator decorators or @Expose()) so Trellis knows what may be sent`,
    );
  }
  const shape = { target, fields };
  shapes.set(target, shape);
  return shape;
}

function bareField(target: Function, name: string): FieldDescription {
  const designType: unknown = Reflect.getMetadata('design:type', target.prototype as object, name);
  const typeHint = transformerStorage.findTypeMetadata(target, name)?.typeFunction?.() as Function | undefined;
  return { name, designType, typeHint, optional: false, defined: false, conditions: [], constraints: [] };
}

/** Class field initializers (`tags: string[] = []`), FastAPI's field defaults. */
function defaultsOf(target: Function): Record<string, unknown> {
  if (target.length > 0) return {};
  try {
    return { ...(new (target as new () => object)() as Record<string, unknown>) };
  } catch {
    return {};
  }
}
