import 'reflect-metadata';
import { Controller, Get, Path, Req } from '@trellis/metadata';
import { createApp, Request } from '@trellis/fastify';

/** A stand-in for a connection pool: opened at startup, closed at shutdown. */
export class Pool {
  open = true;
  readonly items = new Map([['foo', 'The Foo Wrestlers']]);
  async close() {
    this.open = false;
  }
}

@Controller('/items')
class Items {
  @Get('/:id')
  read(@Path('id') id: string, @Req() request: Request) {
    const pool = request.state.pool as Pool;
    return { name: pool.items.get(id) ?? null };
  }
}

// #region app
export function buildApp() {
  async function* lifespan() {
    const pool = new Pool();
    try {
      yield { pool };
    } finally {
      await pool.close();
    }
  }
  return createApp({ lifespan }).include(Items);
}
// #endregion app
