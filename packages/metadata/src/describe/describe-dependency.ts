import { markerSource } from '../marker';
import { readDependencyRecord } from '../metadata-store';
import type { DependencyScope, DependencyTarget, ParamSource } from '../sources';
import { describeParams, type ParamDescription } from './describe-params';

/** How a dependency produces its value. */
export type DependencyKind = 'function' | 'generator' | 'asyncGenerator' | 'class';

/** How the adapter passes inputs: none, one object of named inputs, or constructor arguments. */
export type DependencyCallStyle = 'none' | 'inputs' | 'constructor';

/** One input of a dependency: a `dependency()` input (named) or a constructor parameter. */
export interface DependencyInputDescription extends ParamDescription {
  /** The input's name in `dependency({ name: … })`; absent for constructor parameters. */
  readonly name: string | undefined;
}

/** A dependency as plain data: what it is, how it is called, its inputs and declared scope. */
export interface DependencyDescription {
  readonly target: DependencyTarget;
  readonly name: string;
  readonly kind: DependencyKind;
  readonly callStyle: DependencyCallStyle;
  readonly inputs: readonly DependencyInputDescription[];
  readonly scope: DependencyScope | undefined;
}

function isClass(fn: DependencyTarget): boolean {
  return Function.prototype.toString.call(fn).startsWith('class');
}

function kindOf(fn: DependencyTarget): DependencyKind {
  if (isClass(fn)) return 'class';
  const constructorName = (Object.getPrototypeOf(fn) as { constructor: { name: string } }).constructor.name;
  if (constructorName === 'GeneratorFunction') return 'generator';
  if (constructorName === 'AsyncGeneratorFunction') return 'asyncGenerator';
  return 'function';
}

/** Reads what a dependency needs: its kind, call style, inputs and declared scope. */
export function describeDependency(target: DependencyTarget): DependencyDescription {
  const kind = kindOf(target);
  const name = target.name || '<anonymous dependency>';
  const record = readDependencyRecord(target);
  if (record) {
    const inputs = Object.entries(record.inputs).map(([inputName, marker], index) => {
      const source: ParamSource | undefined = markerSource(marker);
      return Object.freeze({ index, name: inputName, source, designType: undefined });
    });
    return Object.freeze({ target, name, kind, callStyle: 'inputs', inputs: Object.freeze(inputs), scope: record.scope });
  }
  if (kind === 'class') {
    const inputs = describeParams(target, undefined, target.length).map((p) => Object.freeze({ ...p, name: undefined }));
    return Object.freeze({ target, name, kind, callStyle: 'constructor', inputs: Object.freeze(inputs), scope: undefined });
  }
  return Object.freeze({ target, name, kind, callStyle: 'none', inputs: Object.freeze([]), scope: undefined });
}
