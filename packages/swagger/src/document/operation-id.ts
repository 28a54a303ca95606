import type { RoutePlan } from '@trellis/fastify';
import { humanize } from '../schema/json-schema';

/**
 * FastAPI's default operationId: handler name + path, non-word characters as `_`, then
 * the method — `get_items__id__get`. Unique per method and path, and stable across runs.
 */
export function defaultOperationId(route: RoutePlan, openapiPath: string): string {
  const name = String(route.mounted.route.handlerName);
  return `${name}${openapiPath}`.replace(/\W/g, '_') + `_${route.method.toLowerCase()}`;
}

/** FastAPI's default summary: the handler name in words (`listItems` → `List Items`). */
export function defaultSummary(route: RoutePlan): string {
  return humanize(String(route.mounted.route.handlerName));
}
