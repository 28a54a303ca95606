import 'reflect-metadata';
import { Controller, Depends, dependency, Get, Req } from '@trellis/metadata';
import { createApp, type Request } from '@trellis/fastify';

export const events: string[] = [];

// A stand-in for a connection pool.
async function connect() {
  events.push('connected');
  return { query: async (sql: string) => `result of ${sql}`, close: async () => void events.push('closed') };
}
type Db = Awaited<ReturnType<typeof connect>>;

// #region lifespan
async function* lifespan() {
  const db = await connect(); // before the first request
  try {
    yield { db }; // the initial request.state of every request
  } finally {
    await db.close(); // on app.close(), after in-flight requests and background tasks
  }
}

const getDb = dependency({ request: Req<Request>() }, ({ request }) => request.state.db as Db);
// #endregion lifespan

@Controller()
class Reports {
  @Get('/report')
  async report(@Depends(getDb) db: Db) {
    return { report: await db.query('select 1') };
  }
}

// #region app
export const app = createApp({ lifespan, onShutdown: [() => void events.push('shutdown hook')] }).include(Reports);

process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
// #endregion app
