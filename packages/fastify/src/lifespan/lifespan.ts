import type { RequestState } from '../request';

/**
 * Code around the server's life, as FastAPI's `lifespan`: setup before `yield`, teardown
 * after. The yielded object becomes the initial `request.state` of every request.
 * @example
 * async function* lifespan() {
 *   const db = await connect();
 *   try { yield { db }; } finally { await db.close(); }
 * }
 * const app = createApp({ lifespan });
 */
export type Lifespan<App = unknown> = (app: App) => AsyncIterator<RequestState | void, unknown, undefined>;

/** A startup or shutdown callback (`onStartup` / `onShutdown`), sync or async. */
export type LifecycleHook = () => unknown;
