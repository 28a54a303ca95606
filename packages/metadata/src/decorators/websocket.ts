import { appendRouteRecord } from '../metadata-store';
import { createMarker, type Marker } from '../marker';
import type { RouteOptions } from '../records';
import type { RouteDecorator } from './route';

/** Options of `@WebSocket(path, options)`: route-level dependencies only (nothing is documented). */
export type WebSocketOptions = Pick<RouteOptions, 'dependencies'>;

/**
 * Declares a WebSocket endpoint (FastAPI's `@app.websocket`): a GET route that upgrades.
 * Parameters and dependencies are read from the upgrade request (path, query, headers,
 * cookies); the connection is injected by type or with `@Socket()`. Kept out of OpenAPI.
 * @example
 * @WebSocket('/chat') async chat(ws: WebSocketConnection, @Depends(userFromQueryToken) user: User) {
 *   for await (const text of ws) ws.sendText(`${user.name}: ${text}`);
 * }
 */
export function WebSocket(path = '', options: WebSocketOptions = {}): RouteDecorator {
  return (target, propertyKey) => {
    appendRouteRecord(target.constructor, { method: 'GET', path, handlerName: propertyKey, options: { ...options, includeInSchema: false }, websocket: true });
  };
}

/** Injects the connection of a `@WebSocket` route (also injectable by its type). */
export function Socket<T = unknown>(): Marker<T> {
  return createMarker({ kind: 'websocket' });
}
