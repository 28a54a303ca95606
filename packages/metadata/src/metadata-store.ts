import 'reflect-metadata';
import { CONTROLLER_KEY, DEPENDENCY_KEY, ENUM_NAME_KEY, MODEL_CONFIG_KEY, PARAMS_KEY, ROUTES_KEY } from './keys';
import type { ControllerRecord, DependencyRecord, ModelConfig, RouteRecord } from './records';
import type { ParamRecord } from './sources';

/*
 * The only module that calls Reflect.*Metadata. Writers are used by decorators,
 * readers by the description builders; everything else goes through these.
 */

export function appendParamRecord(target: object, propertyKey: string | symbol | undefined, record: ParamRecord): void {
  const existing = readOwnParams(target, propertyKey);
  const next = [...existing, record];
  if (propertyKey === undefined) Reflect.defineMetadata(PARAMS_KEY, next, target);
  else Reflect.defineMetadata(PARAMS_KEY, next, target, propertyKey);
}

function readOwnParams(target: object, propertyKey: string | symbol | undefined): readonly ParamRecord[] {
  const found: unknown =
    propertyKey === undefined
      ? Reflect.getOwnMetadata(PARAMS_KEY, target)
      : Reflect.getOwnMetadata(PARAMS_KEY, target, propertyKey);
  return (found as ParamRecord[] | undefined) ?? [];
}

/** Parameter records of a method (`propertyKey`) or of a constructor (`undefined`). */
export function readParamRecords(target: object, propertyKey: string | symbol | undefined): readonly ParamRecord[] {
  const found: unknown =
    propertyKey === undefined
      ? Reflect.getOwnMetadata(PARAMS_KEY, target)
      : Reflect.getMetadata(PARAMS_KEY, target, propertyKey);
  return (found as ParamRecord[] | undefined) ?? [];
}

/** `design:paramtypes` of a method or constructor, when the compiler emitted it. */
export function readDesignParamTypes(target: object, propertyKey: string | symbol | undefined): readonly unknown[] | undefined {
  const found: unknown =
    propertyKey === undefined
      ? Reflect.getOwnMetadata('design:paramtypes', target)
      : Reflect.getMetadata('design:paramtypes', target, propertyKey);
  return found as unknown[] | undefined;
}

/** `design:type` of a property, when the compiler emitted it. */
export function readDesignType(target: object, propertyKey: string | symbol): unknown {
  return Reflect.getMetadata('design:type', target, propertyKey);
}

export function appendRouteRecord(controller: Function, record: RouteRecord): void {
  const existing = (Reflect.getOwnMetadata(ROUTES_KEY, controller) as RouteRecord[] | undefined) ?? [];
  Reflect.defineMetadata(ROUTES_KEY, [...existing, record], controller);
}

/** Route records of a controller class, including those inherited from base classes. */
export function readRouteRecords(controller: Function): readonly RouteRecord[] {
  const own = (Reflect.getOwnMetadata(ROUTES_KEY, controller) as RouteRecord[] | undefined) ?? [];
  const parent = Object.getPrototypeOf(controller) as Function | null;
  if (!parent || parent === Function.prototype) return own;
  const inherited = readRouteRecords(parent).filter((r) => !own.some((o) => o.handlerName === r.handlerName));
  return [...inherited, ...own];
}

export function writeControllerRecord(controller: Function, record: ControllerRecord): void {
  Reflect.defineMetadata(CONTROLLER_KEY, record, controller);
}

export function readControllerRecord(controller: Function): ControllerRecord | undefined {
  return Reflect.getOwnMetadata(CONTROLLER_KEY, controller) as ControllerRecord | undefined;
}

export function writeDependencyRecord(fn: Function, record: DependencyRecord): void {
  Reflect.defineMetadata(DEPENDENCY_KEY, record, fn);
}

export function readDependencyRecord(fn: Function): DependencyRecord | undefined {
  return Reflect.getOwnMetadata(DEPENDENCY_KEY, fn) as DependencyRecord | undefined;
}

export function writeModelConfig(model: Function, config: ModelConfig): void {
  Reflect.defineMetadata(MODEL_CONFIG_KEY, config, model);
}

/** The `@ModelConfig({...})` settings of a DTO class (inherited ones included), if any. */
export function readModelConfig(model: Function): ModelConfig | undefined {
  return Reflect.getMetadata(MODEL_CONFIG_KEY, model) as ModelConfig | undefined;
}

export function writeEnumName(prototype: object, property: string | symbol, name: string): void {
  Reflect.defineMetadata(ENUM_NAME_KEY, name, prototype, property);
}

/** The `@EnumName(name)` of a DTO field (inherited ones included), if any. */
export function readEnumName(prototype: object, property: string): string | undefined {
  return Reflect.getMetadata(ENUM_NAME_KEY, prototype, property) as string | undefined;
}
