import { flattenMounts, type Marker } from '@trellis/metadata';
import { startupError } from '../errors';
import { buildRoutePlan, type PlanContext } from '../plan/build-route-plan';
import type { RoutePlan } from '../plan/route-plan';
import type { Mount } from './route-slot';

/**
 * Compiles every mounted route into its plan, in include order; app-level dependencies run
 * first on every route. Two routes with one method and URL are a start-up error naming both.
 */
export function buildPlans(
  mounts: readonly Mount[],
  appDependencies: readonly Marker<unknown>[] | undefined,
  context: PlanContext,
): { plan: RoutePlan; mount: Mount }[] {
  const seen = new Map<string, string>();
  const plans: { plan: RoutePlan; mount: Mount }[] = [];
  const routes = mounts.map((mount) => {
    const inherited = mount.withoutAppDependencies ? [] : (appDependencies ?? []);
    const options = { ...mount.options, dependencies: [...inherited, ...(mount.options.dependencies ?? [])] };
    return { mount, mountedRoutes: flattenMounts(mount.target, options) };
  });
  // With not one handler typed, the compiler emits no design metadata: errors say so once, plainly.
  const appHasDesignTypes = routes.some(({ mountedRoutes }) => mountedRoutes.some((mounted) => mounted.route.designTypes));
  for (const { mount, mountedRoutes } of routes) {
    for (const mounted of mountedRoutes) {
      const plan = buildRoutePlan(mounted, context, appHasDesignTypes);
      const key = `${plan.method} ${plan.url}`;
      const previous = seen.get(key);
      if (previous) throw startupError('TRELLIS_DUPLICATE_ROUTE', { route: key, first: previous, second: plan.label });
      seen.set(key, plan.label);
      plans.push({ plan, mount });
    }
  }
  return plans;
}
