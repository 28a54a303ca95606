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
  readonly users = new Map<string, User>([['secret-alice', { name: 'alice', roles: ['reader'] }]]);
  acquire(): Db {
    this.opened++;
    return new Db(this);
  }
  stats(): { opened: number; closed: number } {
    return { opened: this.opened, closed: this.closed };
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
