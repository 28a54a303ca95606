import type { TrellisApp } from '@trellis/fastify';
import { Store } from './database/store';

/**
 * Opens the database when the app starts and closes it when the app closes. `app.close()`
 * runs the code after `yield` only once in-flight requests and background tasks are done,
 * so a confirmation still being written is never cut off by a closed database.
 */
export function lifespanFor(databasePath: string) {
  return async function* lifespan(_app: TrellisApp) {
    const store = Store.open(databasePath);
    try {
      yield { store }; // every request.state starts with it
    } finally {
      store.close();
    }
  };
}
