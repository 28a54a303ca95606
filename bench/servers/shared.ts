import { join } from 'node:path';

/**
 * The fake database every implementation uses, so they all do the same work:
 * `acquire()` opens a connection (counted), `release()` closes it. `/_stats` exposes the
 * counters so the smoke check can prove that S5's generator cleanup ran once per request.
 */
export interface User {
  readonly name: string;
  readonly roles: readonly string[];
}

export class Db {
  constructor(private readonly pool: Pool) {}
  userByToken(token: string): User | undefined {
    return this.pool.users.get(token);
  }
  canRead(user: User | undefined): boolean {
    return user !== undefined && user.roles.includes('reader');
  }
  release(): void {
    this.pool.closed++;
  }
}

export class Pool {
  opened = 0;
  closed = 0;
  sessionsOpened = 0;
  sessionsClosed = 0;
  readonly users = new Map<string, User>([['secret-alice', { name: 'alice', roles: ['reader'] }]]);
  acquire(): Db {
    this.opened++;
    return new Db(this);
  }
  stats(): { opened: number; closed: number; sessionsOpened: number; sessionsClosed: number } {
    return { opened: this.opened, closed: this.closed, sessionsOpened: this.sessionsOpened, sessionsClosed: this.sessionsClosed };
  }
}

export const pool = new Pool();

/** Ids for created users (S3): the same sequence in every implementation. */
let nextId = 0;
export const newId = (): number => ++nextId;

export const port = (): number => Number(process.env.PORT ?? 3000);
/** `mw` builds the variant with two global middlewares (S6); `main` the one without (S1–S5). */
export const variant = (): 'main' | 'mw' => (process.env.BENCH_VARIANT === 'mw' ? 'mw' : 'main');

export function announce(): void {
  // The runner waits for this line before talking to the server.
  process.stdout.write(`READY ${port()}\n`);
}

// The runner stops servers with SIGTERM; exiting normally lets `node --cpu-prof` write its profile.
process.on('SIGTERM', () => process.exit(0));

/*
 * S7: the users a list endpoint returns. Each source object carries two fields the response
 * model must drop (`passwordHash`, `internalScore`, and `address.internalCode`); `nickname`
 * is present on every third user only. The 8 public fields: id, name, email, age, active,
 * createdAt (a Date, answered as an ISO-8601 string), address {street, city, zip}, nickname?.
 */
export interface ListedAddress {
  street: string;
  city: string;
  zip: string;
  internalCode: string;
}
export interface ListedUser {
  id: number;
  name: string;
  email: string;
  age: number;
  active: boolean;
  createdAt: Date;
  address: ListedAddress;
  nickname?: string;
  passwordHash: string;
  internalScore: number;
}

const LISTED_USERS: ListedUser[] = Array.from({ length: 1000 }, (_, i) => {
  const id = i + 1;
  const user: ListedUser = {
    id,
    name: `User ${id}`,
    email: `user${id}@example.com`,
    age: 18 + (id % 60),
    active: id % 2 === 0,
    createdAt: new Date(Date.UTC(2024, 0, 1) + id * 86_400_000),
    address: { street: `${id} Main Street`, city: 'Springfield', zip: String(10000 + id), internalCode: `ic-${id}` },
    passwordHash: `$2b$10$${'x'.repeat(40)}${id}`,
    internalScore: id * 7,
  };
  if (id % 3 === 0) user.nickname = `nick${id}`;
  return user;
});

/** The first `limit` users (1 ≤ limit ≤ 1000; the endpoints validate `limit` before calling). */
export const listUsers = (limit: number): ListedUser[] => LISTED_USERS.slice(0, limit);

/*
 * S8: one SQLite file (written by bench/lib/books-db.js before any server starts) opened
 * read-only by every implementation through better-sqlite3. A request opens a `BookSession`
 * through the implementation's request-scoped mechanism and closes it after the response;
 * the counters are in `/_stats` (`sessionsOpened`, `sessionsClosed`).
 */
export const BOOKS_DB = join(__dirname, 'books.sqlite');

export interface BookRow {
  id: number;
  title: string;
  author: string;
  year: number;
  isbn: string;
  price: number;
  stock: number;
  internal_notes: string;
}

type Statement = { get(id: number): BookRow | undefined };
let bookStatement: Statement | undefined;
function statement(): Statement {
  if (!bookStatement) {
    // Loaded lazily so the S1–S6 runs never touch the native module.
    const Database = require('better-sqlite3') as new (file: string, options: { readonly: boolean; fileMustExist: boolean }) => { prepare(sql: string): Statement };
    bookStatement = new Database(BOOKS_DB, { readonly: true, fileMustExist: true }).prepare('SELECT * FROM books WHERE id = ?');
  }
  return bookStatement;
}

export class BookSession {
  constructor(private readonly owner: Pool) {}
  /** The row, with every column (the response model keeps id, title, author, year, isbn, price). */
  getBook(id: number): BookRow | undefined {
    return statement().get(id);
  }
  close(): void {
    this.owner.sessionsClosed++;
  }
}

export function openSession(): BookSession {
  pool.sessionsOpened++;
  return new BookSession(pool);
}
