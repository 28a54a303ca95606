import { readDesignParamTypes, readParamRecords } from '../metadata-store';
import type { ParamSource } from '../sources';

/** One parameter of a handler or constructor: its source (if decorated) and declared type. */
export interface ParamDescription {
  readonly index: number;
  /** `undefined` when the parameter has no decorator; the adapter may resolve it by type. */
  readonly source: ParamSource | undefined;
  /** From `design:paramtypes`; `undefined` when the compiler emitted no metadata. */
  readonly designType: unknown;
}

/** Reads the parameters of a method (or, with `propertyKey` undefined, a constructor). */
export function describeParams(
  target: object,
  propertyKey: string | symbol | undefined,
  declaredLength: number,
): readonly ParamDescription[] {
  const records = readParamRecords(target, propertyKey);
  const designTypes = readDesignParamTypes(target, propertyKey);
  const highestRecorded = records.reduce((max, r) => Math.max(max, r.index + 1), 0);
  const count = Math.max(declaredLength, designTypes?.length ?? 0, highestRecorded);
  const params: ParamDescription[] = [];
  for (let index = 0; index < count; index++) {
    const record = records.find((r) => r.index === index);
    params.push(Object.freeze({ index, source: record?.source, designType: designTypes?.[index] }));
  }
  return Object.freeze(params);
}
