import type { AppOptions } from './app-options';
import { TrellisApp } from './app';

/**
 * Creates a Trellis app on a new Fastify instance.
 * @example
 * const app = createApp({ title: 'Shop' });
 * app.include(Users, { prefix: '/v1' });
 * await app.listen({ port: 8000 });
 */
export function createApp(options: AppOptions = {}): TrellisApp {
  return new TrellisApp(options);
}
