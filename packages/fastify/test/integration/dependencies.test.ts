import 'reflect-metadata';
import {
  BackgroundTasks,
  Controller,
  Depends,
  dependency,
  Get,
  Header,
  HTTPException,
  Path,
  Query,
  Res,
  Response,
  Router,
  Tasks,
} from '@trellis/metadata';
import { createApp, StartupError, TestClient } from '@trellis/fastify';

/** A fake database: every session records what happens to it. */
function makeDb() {
  const log: string[] = [];
  let opened = 0;
  async function* getDb() {
    const id = ++opened;
    log.push(`open ${id}`);
    try {
      yield { id, query: (sql: string) => log.push(`query ${id}: ${sql}`) };
      log.push(`commit ${id}`);
    } catch (error) {
      log.push(`rollback ${id}: ${(error as Error).message}`);
      throw error;
    } finally {
      log.push(`close ${id}`);
    }
  }
  return { log, getDb, opened: () => opened };
}

/** Waits until every after-response cleanup has run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('shared dependencies and caching', () => {
  const db = makeDb();
  let calls = 0;
  function counter() {
    calls += 1;
    return calls;
  }
  const currentUser = dependency({ db: Depends(db.getDb), token: Header('x-token') }, function currentUser({ db: session, token }) {
    session.query(`user for ${token}`);
    if (token !== 'secret') throw new HTTPException(401, 'Not authenticated', { 'WWW-Authenticate': 'Bearer' });
    return { name: 'alice', session: session.id };
  });
  const checkPermission = dependency({ db: Depends(db.getDb) }, async function checkPermission({ db: session }) {
    session.query('permission');
    return true;
  });

  @Controller()
  class Secure {
    @Get('/secure')
    secure(@Depends(currentUser) user: { name: string; session: number }, @Depends(checkPermission) allowed: boolean) {
      return { user: user.name, allowed, session: user.session };
    }

    @Get('/count')
    count(@Depends(counter) a: number, @Depends(counter) b: number, @Depends(counter, { useCache: false }) c: number) {
      return { a, b, c };
    }
  }

  const app = createApp();
  app.include(Secure);
  const client = new TestClient(app);

  test('one getDb per request, shared by two dependents, cleaned up after the response', async () => {
    db.log.length = 0;
    const res = await client.get('/secure', { headers: { 'x-token': 'secret' } });
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ user: 'alice', allowed: true, session: 1 });
    await settle();
    expect(db.log).toEqual(['open 1', 'query 1: user for secret', 'query 1: permission', 'commit 1', 'close 1']);
  });

  test('useCache: false runs the dependency again', async () => {
    calls = 0;
    expect((await client.get('/count')).json()).toEqual({ a: 1, b: 1, c: 2 });
    expect(calls).toBe(2);
  });

  test('an HTTPException from a dependency stops the request; entered generators still clean up', async () => {
    db.log.length = 0;
    const res = await client.get('/secure', { headers: { 'x-token': 'wrong' } });
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toBe('Bearer');
    expect(res.json()).toEqual({ detail: 'Not authenticated' });
    await settle();
    expect(db.log).toEqual(['open 2', 'query 2: user for wrong', 'rollback 2: Not authenticated', 'close 2']);
  });
});

describe('generator dependencies', () => {
  const log: string[] = [];
  function* requestScoped() {
    log.push('request: setup');
    yield 'r';
    log.push('request: cleanup');
  }
  async function* functionScoped() {
    log.push('function: setup');
    try {
      yield 'f';
    } finally {
      log.push('function: cleanup');
    }
  }
  const outer = dependency({ inner: Depends(requestScoped) }, function* outer({ inner }) {
    log.push(`outer: setup (${inner})`);
    yield `outer(${inner})`;
    log.push('outer: cleanup');
  });
  const fnScoped = dependency({}, functionScoped, { scope: 'function' });
  const swallow = dependency({}, async function* swallowing() {
    try {
      yield 'swallow';
    } catch (error) {
      log.push(`swallowed: ${(error as Error).message}`);
    }
  });

  @Controller()
  class Gen {
    @Get('/order')
    order(@Depends(outer) value: string, @Depends(fnScoped) f: string) {
      log.push('handler');
      return { value, f };
    }

    @Get('/fails')
    fails(@Depends(outer) value: string) {
      log.push('handler');
      throw new HTTPException(409, `conflict with ${value}`);
    }

    @Get('/crash')
    crash(@Depends(swallow) value: string) {
      throw new Error(`crash ${value}`);
    }

    @Get('/later-fails')
    laterFails(@Depends(outer) value: string, @Depends(failing) never: string) {
      return { value, never };
    }
  }
  function failing(): string {
    log.push('failing dependency');
    throw new HTTPException(403, 'nope');
  }

  const app = createApp({ fastify: { logger: false } });
  app.include(Gen);
  const client = new TestClient(app);

  test('request scope cleans up after the response, function scope right after the handler, newest first', async () => {
    log.length = 0;
    const res = await client.get('/order');
    expect(res.json()).toEqual({ value: 'outer(r)', f: 'f' });
    const atResponse = [...log];
    await settle();
    expect(atResponse).toEqual(['request: setup', 'outer: setup (r)', 'function: setup', 'handler', 'function: cleanup']);
    expect(log).toEqual([...atResponse, 'outer: cleanup', 'request: cleanup']);
  });

  test('the handler error is thrown into the generators; the client gets the error response', async () => {
    log.length = 0;
    const res = await client.get('/fails');
    expect(res.status).toBe(409);
    expect(res.json()).toEqual({ detail: 'conflict with outer(r)' });
    expect(log).toEqual(['request: setup', 'outer: setup (r)', 'handler']);
  });

  test('a generator that swallows the error does not hide it', async () => {
    log.length = 0;
    const res = await client.get('/crash');
    expect(res.status).toBe(500);
    expect(res.json()).toEqual({ detail: 'Internal Server Error' });
    expect(log).toEqual(['swallowed: crash swallow']);
  });

  test('a later dependency failing still cleans up the earlier ones', async () => {
    log.length = 0;
    const res = await client.get('/later-fails');
    expect(res.status).toBe(403);
    await settle();
    expect(log).toEqual(['request: setup', 'outer: setup (r)', 'failing dependency']);
  });
});

describe('inputs, class dependencies and errors', () => {
  const pagination = dependency(
    { limit: Query('limit', { type: 'integer', default: 10, maximum: 100 }), offset: Query('offset', { type: 'integer', default: 0 }) },
    function pagination({ limit, offset }) {
      return { limit, offset };
    },
  );
  class Paging {
    constructor(
      @Query('page', { type: 'integer', default: 1, minimum: 1 }) readonly page: number,
      @Header('x-page-size', { type: 'integer', default: 20 }) readonly size: number,
    ) {}
  }
  const sideEffects: string[] = [];
  const recordsVisit = dependency({ who: Header('x-who', { default: 'anon' }) }, function recordsVisit({ who }) {
    sideEffects.push(who);
  });

  @Controller('/items')
  class Items {
    @Get('/:id')
    get(
      @Path('id', { type: 'integer' }) id: number,
      @Depends(pagination) page: { limit: number; offset: number },
      @Depends(Paging) paging: Paging,
      @Depends(recordsVisit) _visit: void,
    ) {
      return { id, page, paging: { page: paging.page, size: paging.size, isPaging: paging instanceof Paging } };
    }
  }

  const app = createApp();
  app.include(Items);
  const client = new TestClient(app);

  test('dependency inputs and class dependencies are read and coerced', async () => {
    const res = await client.get('/items/3?limit=5&page=2', { headers: { 'x-page-size': '50' } });
    expect(res.json()).toEqual({ id: 3, page: { limit: 5, offset: 0 }, paging: { page: 2, size: 50, isPaging: true } });
  });

  test("dependencies' parameter errors join the handler's in one 422; valid dependencies still ran", async () => {
    sideEffects.length = 0;
    const res = await client.get('/items/x?limit=500&page=0', { headers: { 'x-who': 'bob' } });
    expect(res.status).toBe(422);
    expect(res.json()).toEqual({
      detail: [
        { type: 'less_than_equal', loc: ['query', 'limit'], msg: 'Input should be less than or equal to 100', input: '500', ctx: { le: 100 } },
        { type: 'greater_than_equal', loc: ['query', 'page'], msg: 'Input should be greater than or equal to 1', input: '0', ctx: { ge: 1 } },
        { type: 'int_parsing', loc: ['path', 'id'], msg: 'Input should be a valid integer, unable to parse string as an integer', input: 'x' },
      ],
    });
    expect(sideEffects).toEqual(['bob']);
  });
});

describe('route, controller, router and app dependencies', () => {
  const seen: string[] = [];
  const mark = (name: string) => {
    const fn = () => void seen.push(name);
    Object.defineProperty(fn, 'name', { value: `mark_${name}` });
    return fn;
  };
  const appDep = mark('app');
  const routerDep = mark('router');
  const controllerDep = mark('controller');
  const routeDep = mark('route');
  const verifyKey = dependency({ key: Header('x-key') }, function verifyKey({ key }) {
    if (key !== 'k') throw new HTTPException(403, 'Bad key');
    seen.push('key');
  });

  @Controller('/c', { dependencies: [Depends(controllerDep)] })
  class Guarded {
    @Get('/x', { dependencies: [Depends(routeDep), Depends(verifyKey)] })
    x() {
      seen.push('handler');
      return 'ok';
    }
  }

  const app = createApp({ dependencies: [Depends(appDep)] });
  app.include(new Router({ prefix: '/r', dependencies: [Depends(routerDep)] }).include(Guarded));
  const client = new TestClient(app);

  test('run outermost first, values discarded', async () => {
    seen.length = 0;
    const res = await client.get('/r/c/x', { headers: { 'x-key': 'k' } });
    expect(res.json()).toBe('ok');
    expect(seen).toEqual(['app', 'router', 'controller', 'route', 'key', 'handler']);
  });

  test('a failing route dependency stops the handler', async () => {
    seen.length = 0;
    const res = await client.get('/r/c/x', { headers: { 'x-key': 'nope' } });
    expect([res.status, res.json()]).toEqual([403, { detail: 'Bad key' }]);
    expect(seen).toEqual(['app', 'router', 'controller', 'route']);
  });
});

describe('dependencyOverrides', () => {
  function getDb() {
    return 'real-db';
  }
  const repo = dependency({ db: Depends(getDb) }, function repo({ db }) {
    return `repo(${db})`;
  });
  const service = dependency({ repo: Depends(repo) }, function service({ repo: r }) {
    return `service(${r})`;
  });

  @Controller()
  class Deep {
    @Get('/deep')
    deep(@Depends(service) value: string) {
      return value;
    }
  }
  const app = createApp();
  app.include(Deep);
  const client = new TestClient(app);

  test('replace a deep sub-dependency, then restore it', async () => {
    expect((await client.get('/deep')).json()).toBe('service(repo(real-db))');
    app.dependencyOverrides.set(getDb, () => 'fake-db');
    expect((await client.get('/deep')).json()).toBe('service(repo(fake-db))');
    app.dependencyOverrides.set(repo, dependency({ q: Query('q', { default: 'none' }) }, ({ q }) => `fake-repo(${q})`));
    expect((await client.get('/deep?q=1')).json()).toBe('service(fake-repo(1))');
    app.dependencyOverrides.clear();
    expect((await client.get('/deep')).json()).toBe('service(repo(real-db))');
  });
});

describe('Response, BackgroundTasks and scope "app"', () => {
  let created = 0;
  const closed: string[] = [];
  const pool = dependency(
    {},
    async function* pool() {
      created += 1;
      const name = `pool-${created}`;
      yield name;
      closed.push(name);
    },
    { scope: 'app' },
  );
  const session = dependency({ pool: Depends(pool) }, function* session({ pool: p }) {
    yield `session(${p})`;
  });
  const ran: string[] = [];
  const notify = dependency({ tasks: Tasks() }, function notify({ tasks }) {
    tasks.addTask((who: string) => void ran.push(`from dependency for ${who}`), 'x');
  });

  @Controller()
  class Misc {
    @Get('/pool')
    usePool(@Depends(session) s: string) {
      return s;
    }

    @Get('/status')
    status(@Res() res: Response, @Depends(notify) _n: void, tasks: BackgroundTasks) {
      res.status = 404;
      res.setHeader('x-extra', 'yes');
      tasks.addTask(async (n: number) => void ran.push(`handler ${n}`), 1);
      return null;
    }
  }

  const app = createApp();
  app.include(Misc);
  const client = new TestClient(app);

  test('an app-scoped dependency is created once and cleaned up at close', async () => {
    expect((await client.get('/pool')).json()).toBe('session(pool-1)');
    expect((await client.get('/pool')).json()).toBe('session(pool-1)');
    expect(created).toBe(1);
    expect(closed).toEqual([]);
    await app.close();
    expect(closed).toEqual(['pool-1']);
  });

  test('injected Response and tasks from dependencies and handlers', async () => {
    const app2 = createApp();
    app2.include(Misc);
    const res = await new TestClient(app2).get('/status');
    expect(res.status).toBe(404);
    expect(res.headers['x-extra']).toBe('yes');
    expect(res.text).toBe('null');
    await settle();
    expect(ran).toEqual(['from dependency for x', 'handler 1']);
  });
});

describe('scope rules', () => {
  test('an app-scoped dependency cannot depend on a request-scoped one', async () => {
    function* perRequest() {
      yield 1;
    }
    const shared = dependency({ r: Depends(perRequest) }, function shared({ r }) {
      return r;
    }, { scope: 'app' });
    @Controller()
    class Bad {
      @Get('/x')
      x(@Depends(shared) v: number) {
        return v;
      }
    }
    const app = createApp();
    app.include(Bad);
    const error = (await app.ready().catch((e: unknown) => e)) as StartupError;
    expect(error.code).toBe('TRELLIS_DEPENDENCY_SCOPE');
    expect(error.message).toBe(
      'Bad.x() → shared input "r" (@Depends(perRequest)): an app-scoped dependency cannot depend on perRequest, which is request-scoped [TRELLIS_DEPENDENCY_SCOPE]',
    );
  });

  test('an app-scoped dependency cannot read request inputs', async () => {
    const shared = dependency({ q: Query('q') }, function sharedQ({ q }) {
      return q;
    }, { scope: 'app' });
    @Controller()
    class Bad2 {
      @Get('/x')
      x(@Depends(shared) v: string) {
        return v;
      }
    }
    const app = createApp();
    app.include(Bad2);
    const error = (await app.ready().catch((e: unknown) => e)) as StartupError;
    expect(error.code).toBe('TRELLIS_DEPENDENCY_SCOPE');
  });

  test('a function that takes arguments but declares no inputs', async () => {
    function needsArgs(token: string) {
      return token;
    }
    @Controller()
    class Bad3 {
      @Get('/x')
      x(@Depends(needsArgs) v: string) {
        return v;
      }
    }
    const app = createApp();
    app.include(Bad3);
    const error = (await app.ready().catch((e: unknown) => e)) as StartupError;
    expect(error.code).toBe('TRELLIS_DEPENDENCY_INPUTS');
    expect(error.message).toContain('Bad3.x() → needsArgs: needsArgs takes 1 argument(s) but declares no inputs');
  });
});

describe('a function-scoped cleanup that fails', () => {
  test('turns the response into a 500 before it is sent; request-scoped cleanups still run', async () => {
    const log: string[] = [];
    const flaky = dependency(
      {},
      function* flaky() {
        yield 'v';
        throw new Error('commit failed');
      },
      { scope: 'function' },
    );
    function* outer() {
      try {
        yield 'o';
      } catch (error) {
        log.push(`outer saw: ${(error as Error).message}`);
        throw error;
      }
    }
    @Controller()
    class Flaky {
      @Get('/flaky')
      handler(@Depends(flaky) v: string, @Depends(outer) o: string) {
        return { v, o };
      }
    }
    const app = createApp({ fastify: { logger: false } });
    app.include(Flaky);
    const res = await new TestClient(app).get('/flaky');
    expect(res.status).toBe(500);
    expect(res.json()).toEqual({ detail: 'Internal Server Error' });
    await settle();
    expect(log).toEqual(['outer saw: commit failed']);
  });
});

describe('dependency() inputs', () => {
  it('passes every input under its own name, odd names included, without touching the prototype', async () => {
    const echo = dependency({ ['__proto__']: Query('p'), 'x-y': Header('x-y'), plain: Query('plain') }, (inputs) => ({
      keys: Object.keys(inputs),
      proto: Object.getOwnPropertyDescriptor(inputs, '__proto__')?.value,
      dashed: inputs['x-y'],
      plain: inputs.plain,
      prototypeIntact: Object.getPrototypeOf(inputs) === Object.prototype,
    }));
    @Controller()
    class Inputs {
      @Get('/inputs')
      handler(@Depends(echo) seen: unknown) {
        return seen;
      }
    }
    const app = createApp({ fastify: { logger: false } });
    app.include(Inputs);
    const res = await new TestClient(app).get('/inputs?p=polluted&plain=ok', { headers: { 'x-y': 'dash' } });
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ keys: ['__proto__', 'x-y', 'plain'], proto: 'polluted', dashed: 'dash', plain: 'ok', prototypeIntact: true });
  });
});
