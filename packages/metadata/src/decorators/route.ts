import { appendRouteRecord } from '../metadata-store';
import type { RouteOptions } from '../records';
import type { HttpMethod } from '../types';

/** A method decorator produced by `@Get(...)` and the other verbs. */
export type RouteDecorator = (target: object, propertyKey: string | symbol, descriptor: PropertyDescriptor) => void;

function route(method: HttpMethod) {
  return (path = '', options: RouteOptions = {}): RouteDecorator =>
    (target, propertyKey) => {
      appendRouteRecord(target.constructor, { method, path, handlerName: propertyKey, options });
    };
}

/**
 * Declares a GET route on a controller method; `path` is relative to the controller's prefix.
 * @example
 * class Items { @Get('/:id') get(@Path('id', { type: 'integer' }) id: number) { return { id }; } }
 */
export const Get = route('GET');
/** Declares a POST route. */
export const Post = route('POST');
/** Declares a PUT route. */
export const Put = route('PUT');
/** Declares a PATCH route. */
export const Patch = route('PATCH');
/** Declares a DELETE route. */
export const Delete = route('DELETE');
/** Declares a HEAD route (GET routes answer HEAD already). */
export const Head = route('HEAD');
/** Declares an OPTIONS route. */
export const Options = route('OPTIONS');
