import 'reflect-metadata';
import { Controller, Depends, dependency, Get } from '@trellis/metadata';
import { createApp, StartupError, TestClient } from '@trellis/fastify';

/** Waits until every after-response cleanup has run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('useCache: false (FastAPI stores every result the cache does not hold yet)', () => {
  let calls = 0;
  function counter() {
    return ++calls;
  }
  const viaSub = dependency({ fresh: Depends(counter, { useCache: false }) }, function viaSub({ fresh }) {
    return `sub(${fresh})`;
  });
  const log: string[] = [];
  let opened = 0;
  function* session() {
    const id = ++opened;
    log.push(`open ${id}`);
    yield id;
    log.push(`close ${id}`);
  }

  @Controller()
  class Cache {
    @Get('/uncached-first')
    uncachedFirst(@Depends(counter, { useCache: false }) a: number, @Depends(counter) b: number, @Depends(counter) c: number) {
      return { a, b, c };
    }

    @Get('/cached-first')
    cachedFirst(@Depends(counter) a: number, @Depends(counter, { useCache: false }) b: number, @Depends(counter) c: number) {
      return { a, b, c };
    }

    @Get('/through-a-sub-dependency')
    throughSub(@Depends(viaSub) sub: string, @Depends(counter) later: number) {
      return { sub, later };
    }

    @Get('/sessions')
    sessions(@Depends(session, { useCache: false }) a: number, @Depends(session, { useCache: false }) b: number, @Depends(session) c: number) {
      log.push(`handler ${a} ${b} ${c}`);
      return [a, b, c];
    }
  }

  const app = createApp();
  app.include(Cache);
  const client = new TestClient(app);
  beforeEach(() => {
    calls = 0;
  });

  test('a value computed with useCache: false is reused by a later cached use', async () => {
    const res = await client.get('/uncached-first');
    expect([res.status, res.json()]).toEqual([200, { a: 1, b: 1, c: 1 }]);
    expect(calls).toBe(1);
  });

  test('an uncached use runs again but does not replace the value already cached', async () => {
    const res = await client.get('/cached-first');
    expect([res.status, res.json()]).toEqual([200, { a: 1, b: 2, c: 1 }]);
  });

  test('the same holds when the uncached use is deep in the graph', async () => {
    const res = await client.get('/through-a-sub-dependency');
    expect([res.status, res.json()]).toEqual([200, { sub: 'sub(1)', later: 1 }]);
  });

  test('every uncached generator is its own session, each cleaned up; the cached use shares the first', async () => {
    log.length = 0;
    opened = 0;
    const res = await client.get('/sessions');
    expect(res.json()).toEqual([1, 2, 1]);
    await settle();
    expect(log).toEqual(['open 1', 'open 2', 'handler 1 2 1', 'close 2', 'close 1']);
  });
});

describe('scope rules (FastAPI applies them to generators only)', () => {
  const log: string[] = [];
  function* connection() {
    log.push('connection: open');
    yield 'conn';
    log.push('connection: close');
  }
  // dependency() records on the function itself: a second generator carries the declared scope.
  const functionConnection = dependency({}, function* functionConnection() {
    yield* connection();
  }, { scope: 'function' });
  const plainOnFunctionScoped = dependency({ conn: Depends(connection, { scope: 'function' }) }, function repository({ conn }) {
    log.push('repository');
    return `repo(${conn})`;
  });
  const requestGenOverPlain = dependency({ repo: Depends(plainOnFunctionScoped) }, function* unitOfWork({ repo }) {
    log.push('unit of work: begin');
    yield `uow(${repo})`;
    log.push('unit of work: end');
  });

  @Controller()
  class Scopes {
    @Get('/plain')
    plain(@Depends(plainOnFunctionScoped) repo: string) {
      log.push('handler');
      return repo;
    }

    @Get('/both-scopes')
    bothScopes(@Depends(connection, { scope: 'function' }) f: string, @Depends(connection) r: string) {
      log.push('handler');
      return [f, r];
    }

    @Get('/indirect')
    indirect(@Depends(requestGenOverPlain) uow: string) {
      log.push('handler');
      return uow;
    }
  }

  const app = createApp();
  app.include(Scopes);
  const client = new TestClient(app);

  test('a plain dependency may depend on a function-scoped generator, which closes before the response', async () => {
    log.length = 0;
    const res = await client.get('/plain');
    expect([res.status, res.json()]).toEqual([200, 'repo(conn)']);
    expect(log).toEqual(['connection: open', 'repository', 'handler', 'connection: close']);
  });

  test('function-scoped and request-scoped uses of one generator are two instances', async () => {
    log.length = 0;
    const res = await client.get('/both-scopes');
    expect(res.json()).toEqual(['conn', 'conn']);
    const atResponse = [...log];
    await settle();
    expect(atResponse).toEqual(['connection: open', 'connection: open', 'handler', 'connection: close']);
    expect(log).toEqual([...atResponse, 'connection: close']);
  });

  test('the rule looks at direct edges only: a request-scoped generator over a plain dependency over a function-scoped one starts', async () => {
    log.length = 0;
    const res = await client.get('/indirect');
    expect([res.status, res.json()]).toEqual([200, 'uow(repo(conn))']);
    await settle();
    expect(log).toEqual(['connection: open', 'repository', 'unit of work: begin', 'handler', 'connection: close', 'unit of work: end']);
  });

  async function startupError(controller: Function): Promise<StartupError> {
    const bad = createApp();
    bad.include(controller);
    return (await bad.ready().catch((error: unknown) => error)) as StartupError;
  }

  test('a request-scoped generator may not depend on a function-scoped dependency', async () => {
    const holdsConnection = dependency({ conn: Depends(connection, { scope: 'function' }) }, function* holdsConnection({ conn }) {
      yield conn;
    });
    @Controller()
    class Bad {
      @Get('/x')
      x(@Depends(holdsConnection) v: string) {
        return v;
      }
    }
    const error = await startupError(Bad);
    expect(error).toBeInstanceOf(StartupError);
    expect(error.message).toBe(
      'Bad.x() → holdsConnection input "conn" (@Depends(connection)): a request-scoped generator dependency cannot depend on connection, ' +
        'which is function-scoped (its exit code runs before the response is sent) [TRELLIS_DEPENDENCY_SCOPE]',
    );
  });

  test('the rule holds when the function scope is declared on the dependency itself, and for plain function-scoped ones', async () => {
    const plainFunctionScoped = dependency({}, function token() {
      return 't';
    }, { scope: 'function' });
    const overDeclared = dependency({ conn: Depends(functionConnection), t: Depends(plainFunctionScoped) }, async function* overDeclared({ conn, t }) {
      yield `${conn}${t}`;
    });
    @Controller()
    class Bad2 {
      @Get('/x')
      x(@Depends(overDeclared) v: string) {
        return v;
      }
    }
    const error = await startupError(Bad2);
    expect(error.code).toBe('TRELLIS_DEPENDENCY_SCOPE');
    expect(error.message).toContain('a request-scoped generator dependency cannot depend on functionConnection, which is function-scoped');
  });

  test('app scope stays strict: an app-scoped dependency may depend on app-scoped ones only', async () => {
    const appScoped = dependency({ conn: Depends(plainOnFunctionScoped) }, function cache({ conn }) {
      return conn;
    }, { scope: 'app' });
    @Controller()
    class Bad3 {
      @Get('/x')
      x(@Depends(appScoped) v: string) {
        return v;
      }
    }
    const error = await startupError(Bad3);
    expect(error.message).toBe(
      'Bad3.x() → cache input "conn" (@Depends(repository)): an app-scoped dependency cannot depend on repository, which is request-scoped [TRELLIS_DEPENDENCY_SCOPE]',
    );
  });
});
