import { describeModelFields, type FieldDescription } from './describe-model-fields';
import { exposeOf } from './transformer-storage';

/** A field a model reads from a body, query string or form, and the key it is read from. */
export interface ReadField {
  readonly field: FieldDescription;
  /** The external name: `@Expose({ name })` renames (Pydantic's alias), else the property's. */
  readonly key: string;
}

/**
 * The fields a DTO reads on input and the keys they are read from: class-transformer's
 * `plainToInstance` reads a renamed property from its `@Expose({ name })` (in either
 * direction), so the validator does too, and its errors and the OpenAPI input schema name
 * that key.
 * @example
 * readFields(UserIn).map((r) => r.key); // ['userName', 'email'] for @Expose({ name: 'userName' }) name
 */
export function readFields(target: Function): ReadField[] {
  return describeModelFields(target).map((field) => ({ field, key: exposeOf(target, field.name)?.name ?? field.name }));
}
