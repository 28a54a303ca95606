import type { Marker } from '../marker';
import type { ExtraResponse } from '../records';
import { Router, type Includable, type MountOptions } from '../router';
import { describeController, type ControllerDescription, type DeclaredRoute } from './describe-controller';
import { joinPath } from './join-path';

/** A route at its final URL with everything its mounts added, outermost first. */
export interface MountedRoute {
  readonly url: string;
  readonly controller: ControllerDescription;
  readonly route: DeclaredRoute;
  readonly tags: readonly string[];
  /** App, router, include, controller, then route dependencies — in that order. */
  readonly dependencies: readonly Marker<unknown>[];
  readonly deprecated: boolean;
  readonly includeInSchema: boolean;
  readonly responses: Readonly<Record<string, ExtraResponse>>;
}

interface Inherited {
  readonly prefix: string;
  readonly tags: readonly string[];
  readonly dependencies: readonly Marker<unknown>[];
  readonly deprecated: boolean;
  readonly includeInSchema: boolean;
  readonly responses: Readonly<Record<string, ExtraResponse>>;
}

const ROOT: Inherited = { prefix: '', tags: [], dependencies: [], deprecated: false, includeInSchema: true, responses: {} };

function inherit(parent: Inherited, options: MountOptions, ownPrefix = ''): Inherited {
  return {
    prefix: joinPath(parent.prefix, options.prefix ?? '', ownPrefix).replace(/^\/$/, ''),
    tags: [...parent.tags, ...(options.tags ?? [])],
    dependencies: [...parent.dependencies, ...(options.dependencies ?? [])],
    deprecated: parent.deprecated || options.deprecated === true,
    includeInSchema: parent.includeInSchema && options.includeInSchema !== false,
    responses: { ...parent.responses, ...(options.responses ?? {}) },
  };
}

/**
 * Walks an include tree into the list of routes at their final URLs. The same controller
 * included twice (under `/v1` and `/v2`) yields its routes twice.
 */
export function flattenMounts(target: Includable, options: MountOptions = {}, parent: Inherited = ROOT): MountedRoute[] {
  if (target instanceof Router) {
    const here = inherit(inherit(parent, options), target.options);
    return target.entries.flatMap((entry) => flattenMounts(entry.target, entry.options, here));
  }
  const controller = describeController(target);
  const withController = inherit(inherit(parent, options), controller.options, controller.prefix);
  return controller.routes.map((route) => {
    const here = inherit(withController, route.options);
    return Object.freeze({
      url: joinPath(here.prefix, route.path),
      controller,
      route,
      tags: [...new Set(here.tags)],
      dependencies: here.dependencies,
      deprecated: here.deprecated,
      includeInSchema: here.includeInSchema,
      responses: here.responses,
    });
  });
}
