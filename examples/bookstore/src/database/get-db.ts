import { dependency, Req } from '@trellis/metadata';
import type { Request } from '@trellis/fastify';
import type { Db, Store } from './store';

/**
 * One transaction per request: begun before the handler runs, committed when it returns,
 * rolled back when it (or anything after this dependency) throws — the error is thrown in at
 * the `yield`, so `COMMIT` is skipped and `finally` rolls back. `finally` also covers a client
 * that went away (the generator is closed without an error).
 *
 * `scope: 'function'` commits right after the handler returns, before the response is sent:
 * a client never sees a 201 for a write that could still fail to commit.
 */
export const getDb = dependency(
  { request: Req<Request>() },
  async function* getDb({ request }): AsyncGenerator<Db, void, void> {
    const store = request.state.store as Store;
    const release = await store.acquire();
    try {
      store.db.exec('BEGIN IMMEDIATE');
      yield store.db;
      store.db.exec('COMMIT');
    } finally {
      if (store.db.inTransaction) store.db.exec('ROLLBACK');
      release();
    }
  },
  { scope: 'function' },
);
