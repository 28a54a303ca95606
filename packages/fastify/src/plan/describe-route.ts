import {
  isModelClass,
  readSecurityScheme,
  writtenFields,
  type InputDescription,
  type MountedRoute,
  type OutputDescription,
  type RouteDescription,
  type SecurityRequirement,
} from '@trellis/metadata';
import type { DependencyNode } from './route-plan';

const freezeAll = <T extends object>(items: readonly T[]): readonly T[] => Object.freeze(items.map((item) => Object.freeze({ ...item })));

/**
 * The public, frozen description of a compiled route (`app.routes`), from the same mounted
 * route, inputs and dependency nodes its plan runs on. Objects Trellis builds are frozen
 * copies; classes (models, enum objects) are referenced as declared.
 */
export function describeRoute(
  mounted: MountedRoute,
  status: number,
  inputs: readonly InputDescription[],
  nodes: readonly DependencyNode[],
): RouteDescription {
  const { route } = mounted;
  const options = route.options;
  return Object.freeze({
    method: route.method,
    url: mounted.url,
    status,
    tags: Object.freeze([...mounted.tags]),
    summary: options.summary,
    description: options.description,
    operationId: options.operationId,
    openapiExtra: options.openapiExtra,
    deprecated: mounted.deprecated,
    includeInSchema: mounted.includeInSchema,
    responses: Object.freeze({ ...mounted.responses }),
    inputs: Object.freeze(inputs.map((input) => Object.freeze({ ...input, options: Object.freeze({ ...input.options }) }) as InputDescription)),
    output: describeOutput(mounted),
    security: securityOf(nodes),
    ...(options.rateLimit !== undefined ? { rateLimit: options.rateLimit === false ? false : Object.freeze({ ...options.rateLimit }) } : {}),
    websocket: route.websocket,
    controllerName: mounted.controller.name,
    handlerName: String(route.handlerName),
    label: route.label,
  });
}

function describeOutput(mounted: MountedRoute): OutputDescription | undefined {
  const options = mounted.route.options;
  const model = mounted.route.responseModel;
  if (model === undefined) return undefined;
  const list = Array.isArray(model);
  const item: unknown = list ? (model as readonly [Function])[0] : model;
  return Object.freeze({
    model,
    list,
    fields: isModelClass(item) ? freezeAll(writtenFields(item)) : Object.freeze([]),
    excludeUnset: options.responseExcludeUnset === true,
    excludeNone: options.responseExcludeNone === true,
    include: options.responseInclude === undefined ? undefined : Object.freeze([...options.responseInclude]),
    exclude: options.responseExclude === undefined ? undefined : Object.freeze([...options.responseExclude]),
  });
}

/** One requirement per scheme used in the graph; scopes from every use of it, merged. */
function securityOf(nodes: readonly DependencyNode[]): readonly SecurityRequirement[] {
  const byName = new Map<string, SecurityRequirement & { scopes: string[] }>();
  for (const node of nodes) {
    const declared = readSecurityScheme(node.original);
    if (!declared) continue;
    let requirement = byName.get(declared.name);
    if (!requirement) byName.set(declared.name, (requirement = { name: declared.name, scheme: declared.scheme, scopes: [] }));
    for (const scope of node.security ?? []) if (!requirement.scopes.includes(scope)) requirement.scopes.push(scope);
  }
  return freezeAll([...byName.values()].map((requirement) => ({ ...requirement, scopes: Object.freeze(requirement.scopes) })));
}
