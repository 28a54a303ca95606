import Database from 'better-sqlite3';
import { SCHEMA } from './schema';

/**
 * The better-sqlite3 connection. An interface rather than a type alias, so that declaration
 * files can name it (the alias resolves to a namespace TypeScript cannot re-export).
 */
export interface Db extends Database.Database {}

/**
 * The app's one SQLite connection and the lock that gives each unit of work the whole
 * connection. better-sqlite3 is synchronous, but a request awaits between its dependency and
 * its handler: without the lock a second request's statements would run inside the first
 * request's open transaction (and be rolled back with it). SQLite has a single writer anyway,
 * so queueing units of work costs little; a server database would hand out pooled connections
 * instead.
 * @example
 * const store = Store.open('./bookstore.sqlite');
 * await store.transaction((db) => db.prepare('DELETE FROM sessions').run());
 */
export class Store {
  private tail: Promise<void> = Promise.resolve();

  private constructor(readonly db: Db) {}

  /** Opens (creating the file if needed) and brings the schema up to date. */
  static open(path: string): Store {
    const db = new Database(path);
    db.pragma('journal_mode = WAL'); // readers of the file (backups, sqlite3 CLI) never block the app
    db.pragma('foreign_keys = ON');
    db.exec(SCHEMA);
    return new Store(db);
  }

  /** Waits for the connection; the returned function hands it to the next unit of work. */
  async acquire(): Promise<() => void> {
    let release!: () => void;
    const previous = this.tail;
    this.tail = new Promise<void>((resolve) => (release = resolve));
    await previous;
    return release;
  }

  /** Runs `work` in its own transaction once the connection is free (used outside requests). */
  async transaction<T>(work: (db: Db) => T): Promise<T> {
    const release = await this.acquire();
    try {
      return this.db.transaction(work)(this.db);
    } finally {
      release();
    }
  }

  close(): void {
    this.db.close();
  }
}
