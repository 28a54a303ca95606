import { MARKER } from './keys';
import { appendParamRecord } from './metadata-store';
import type { ParamSource } from './sources';

/**
 * A parameter source usable two ways: as a parameter decorator (`@Query('q')`) and
 * as an input of `dependency({ q: Query('q') }, fn)`. `T` is the value type the
 * marker produces, carried only for inference.
 */
export interface Marker<T> {
  (target: object, propertyKey: string | symbol | undefined, parameterIndex: number): void;
  readonly [MARKER]: ParamSource;
  /** Phantom field: never set, only read by the type system. */
  readonly __value?: T;
}

/** The value type a marker produces. */
export type MarkerValue<M> = M extends Marker<infer T> ? T : never;

/** Builds a marker for a source; the decorator form only records the source. */
export function createMarker<T>(source: ParamSource): Marker<T> {
  const decorator = (target: object, propertyKey: string | symbol | undefined, parameterIndex: number): void => {
    appendParamRecord(target, propertyKey, { index: parameterIndex, source });
  };
  Object.defineProperty(decorator, MARKER, { value: source, enumerable: false });
  return decorator as Marker<T>;
}

/** Reads the source of a marker, or `undefined` for anything else. */
export function markerSource(value: unknown): ParamSource | undefined {
  if (typeof value !== 'function') return undefined;
  return (value as Partial<Marker<unknown>>)[MARKER];
}
