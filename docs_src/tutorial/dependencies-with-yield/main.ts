import 'reflect-metadata';
import { Controller, Depends, dependency, Get, Header, HTTPException } from '@trellis/metadata';
import { createApp } from '@trellis/fastify';

// A stand-in for a database pool; the log shows what happens to each session.
export const log: string[] = [];
const pool = {
  connect: async () => {
    const id = log.filter((line) => line.startsWith('open')).length + 1;
    log.push(`open ${id}`);
    return {
      userByToken: async (token: string) => (token === 'secret' ? { name: 'alice' } : undefined),
      mayWrite: (user: { name: string }) => user.name === 'alice',
      commit: async () => void log.push(`commit ${id}`),
      rollback: async () => void log.push(`rollback ${id}`),
      release: () => void log.push(`release ${id}`),
    };
  },
};

async function* getDb() {                 // one session per request…
  const session = await pool.connect();
  try {
    yield session;                        // …injected wherever it is used…
    await session.commit();
  } catch (error) {
    await session.rollback();             // the handler's error is thrown in here
    throw error;
  } finally {
    session.release();                    // …and released after the response is sent
  }
}

const currentUser = dependency(
  { db: Depends(getDb), token: Header('x-token') },
  async function currentUser({ db, token }) {        // db and token are typed from the markers
    const user = await db.userByToken(token);
    if (!user) throw new HTTPException(401, 'Not authenticated', { 'WWW-Authenticate': 'Bearer' });
    return user;
  },
);

const canWrite = dependency({ db: Depends(getDb), user: Depends(currentUser) }, function canWrite({ db, user }) {
  return db.mayWrite(user);
});

@Controller('/notes')
class Notes {
  @Get('')
  list(@Depends(currentUser) user: { name: string }, @Depends(canWrite) writable: boolean) {
    return { user: user.name, writable };   // getDb ran once: currentUser and canWrite shared it
  }
}

export const app = createApp();
app.include(Notes);
