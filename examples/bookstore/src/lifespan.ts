import type { TrellisApp } from '@trellis/fastify';
import { Store } from './database/store';
import type { BookstoreState, Mailer } from './orders/send-confirmation';

/**
 * Opens the database when the app starts and closes it when the app closes. `app.close()`
 * runs the code after `yield` only once in-flight requests and background tasks are done,
 * so a confirmation still being written is never cut off by a closed database. A worker
 * process (`npm run worker`) runs the same lifespan, without HTTP: its tasks get the state.
 */
export function lifespanFor(databasePath: string, mailer: Mailer) {
  return async function* lifespan(_app: TrellisApp) {
    const store = Store.open(databasePath);
    try {
      const state: BookstoreState = { store, mailer };
      yield { ...state }; // every request.state (and a task's ctx.state) starts with it
    } finally {
      store.close();
    }
  };
}
