import type { RouteDescription } from '@trellis/metadata';
import { humanize } from '../schema/json-schema';

/**
 * FastAPI's default operationId: handler name + path, non-word characters as `_`, then
 * the method — `get_items__id__get`. Unique per method and path, and stable across runs.
 */
export function defaultOperationId(route: RouteDescription, openapiPath: string): string {
  return `${route.handlerName}${openapiPath}`.replace(/\W/g, '_') + `_${route.method.toLowerCase()}`;
}

/** FastAPI's default summary: the handler name in words (`listItems` → `List Items`). */
export function defaultSummary(route: RouteDescription): string {
  return humanize(route.handlerName);
}
