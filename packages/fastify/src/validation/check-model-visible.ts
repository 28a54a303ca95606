import { transformerCopyOf } from '@trellis/metadata';
import { startupError } from '../errors';

/**
 * Refuses, at start-up, a DTO whose declarations Trellis cannot see, instead of letting it
 * accept anything as an empty instance or send a hidden field: one decorated through another
 * copy of class-transformer (TRELLIS_LIBRARY_COPIES), or one with no decorated field at all
 * (TRELLIS_MODEL_NO_FIELDS, when `fieldCount` is given: input models).
 */
export function checkModelVisible(target: Function, site: string, fieldCount?: number): void {
  const copy = transformerCopyOf(target);
  if (copy) throw startupError('TRELLIS_LIBRARY_COPIES', { site, model: target.name, foreign: copy.foreign, own: copy.own });
  if (fieldCount === 0) throw startupError('TRELLIS_MODEL_NO_FIELDS', { site, model: target.name });
}
