import { writtenFields } from '@trellis/metadata';
import { startupError } from '../errors';
import { checkModelVisible } from '../validation/check-model-visible';
import { outputField, type OutputField } from './output-field';

/** A response model class resolved into the fields it writes, once per class. */
export interface ModelShape {
  readonly target: Function;
  readonly fields: readonly OutputField[];
}

const shapes = new WeakMap<Function, ModelShape>();

/** A response model class resolved, once, into the fields it writes and how. */
export function modelShape(target: Function, where: string): ModelShape {
  const known = shapes.get(target);
  if (known) return known;
  checkModelVisible(target, where);
  const defaults = defaultsOf(target);
  const fields = writtenFields(target).map(({ field, key }) => outputField(target, field, key, defaults[field.name]));
  if (fields.length === 0) {
    throw startupError('TRELLIS_RESPONSE_MODEL_EMPTY', { handler: where, model: target.name });
  }
  const shape = { target, fields };
  shapes.set(target, shape);
  return shape;
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
