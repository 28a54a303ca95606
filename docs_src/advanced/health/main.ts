import 'reflect-metadata';
import { Controller, Get } from '@trellis/metadata';
import { createApp } from '@trellis/fastify';

// A stand-in for a connection pool.
const db = { up: true, ping: async () => db.up };

@Controller('/books')
class Books {
  @Get('') list() {
    return [];
  }
}

// #region app
export const app = createApp({
  health: {
    live: '/livez', // 200 while the process serves at all
    ready: '/readyz', // 200 when every check passes; 503 from the moment close() begins
    checks: { db: () => db.ping() }, // fails if it throws, rejects, returns false or times out
    checkTimeoutMs: 2_000,
    drainDelayMs: 5_000, // keep serving for 5 s after close() so the balancer sees the 503 first
  },
}).include(Books);

process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
// #endregion app

export function setDatabaseUp(up: boolean): void {
  db.up = up;
}
