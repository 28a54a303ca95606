import { dependency, Req } from '@trellis/metadata';
import type { Request } from '@trellis/fastify';
import type { Store } from './store';

/** The store the lifespan opened (for work that outlives the request, such as background tasks). */
export const getStore = dependency({ request: Req<Request>() }, function getStore({ request }) {
  return request.state.store as Store;
});
