import { readControllerRecord, readDesignParamTypes, readRouteRecords } from '../metadata-store';
import type { ControllerOptions, ResponseModel, RouteOptions } from '../records';
import type { HttpMethod } from '../types';
import { describeParams, type ParamDescription } from './describe-params';

/** A route as its controller declares it (`@Get(path, options)` on a method), before mounting. */
export interface DeclaredRoute {
  readonly method: HttpMethod;
  readonly path: string;
  readonly handlerName: string | symbol;
  /** `Users.get()`: how start-up errors and logs name the handler. */
  readonly label: string;
  readonly options: RouteOptions;
  /** `options.responseModel`, or the deprecated `options.response` when it is not set. */
  readonly responseModel: ResponseModel | undefined;
  /** Whether `@WebSocket` declared it: a GET that upgrades. */
  readonly websocket: boolean;
  readonly params: readonly ParamDescription[];
  /** Whether the compiler emitted `design:paramtypes` for the handler (tsc and SWC do; esbuild never does). */
  readonly designTypes: boolean;
}

/** A controller as plain, frozen data: what the adapter compiles and the docs describe. */
export interface ControllerDescription {
  readonly name: string;
  readonly target: Function;
  /** The instance handlers are called on; created with `new` when a class was included. */
  readonly instance: object | undefined;
  readonly prefix: string;
  readonly options: ControllerOptions;
  readonly routes: readonly DeclaredRoute[];
}

/** Reads a controller class (or an instance of one) into a frozen description. */
export function describeController(controller: Function | object): ControllerDescription {
  const target = typeof controller === 'function' ? controller : controller.constructor;
  const instance = typeof controller === 'function' ? undefined : controller;
  const record = readControllerRecord(target);
  const prototype = (target as { prototype: Record<string | symbol, unknown> }).prototype;
  const routes = readRouteRecords(target).map((route) => {
    const handler = prototype[route.handlerName];
    const declaredLength = typeof handler === 'function' ? handler.length : 0;
    return Object.freeze({
      method: route.method,
      path: route.path,
      handlerName: route.handlerName,
      label: `${target.name}.${String(route.handlerName)}()`,
      options: route.options,
      responseModel: route.options.responseModel ?? route.options.response,
      websocket: route.websocket === true,
      params: describeParams(prototype, route.handlerName, declaredLength),
      designTypes: readDesignParamTypes(prototype, route.handlerName) !== undefined,
    });
  });
  return Object.freeze({
    name: target.name,
    target,
    instance,
    prefix: record?.prefix ?? '',
    options: record?.options ?? {},
    routes: Object.freeze(routes),
  });
}

/** Whether a class carries `@Controller` or any route decorator. */
export function isController(value: unknown): boolean {
  if (typeof value !== 'function' && (typeof value !== 'object' || value === null)) return false;
  const target = typeof value === 'function' ? value : (value as object).constructor;
  return readControllerRecord(target) !== undefined || readRouteRecords(target).length > 0;
}
