import 'reflect-metadata';
import { Controller, Depends, Get, Query } from '@trellis/metadata';
import { createApp, type TrellisApp } from '@trellis/fastify';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, ValidateNested } from 'class-validator';
import fc from 'fast-check';
import { hostileJson, hostileKey } from './support/hostile';

/*
 * Errors never leak (issue 9, point 4): whatever is thrown — and however strange the thrown
 * value is — the client sees exactly {"detail":"Internal Server Error"} and the error is
 * logged once, with its stack. A response model never lets an undeclared field out: the
 * return value is fuzzed with random extra fields at every depth.
 */

const SECRET = 'S3CRET-do-not-leak';
const INTERNAL = JSON.stringify({ detail: 'Internal Server Error' });

class ThrowsOnRead extends Error {
  override get message(): string {
    throw new Error(SECRET);
  }
  override get stack(): string {
    throw new Error(SECRET);
  }
}

const THROWN: Record<string, () => unknown> = {
  error: () => new Error(`db password ${SECRET}`),
  'type error': () => new TypeError(`cannot read ${SECRET}`),
  string: () => SECRET,
  object: () => ({ password: SECRET, statusCode: 500 }),
  'an error with statusCode 500 and expose': () => Object.assign(new Error(SECRET), { statusCode: 500, expose: true }),
  'an error with a 4xx statusCode': () => Object.assign(new Error(SECRET), { statusCode: 409 }),
  null: () => null,
  undefined: () => undefined,
  symbol: () => Symbol(SECRET),
  'getters that throw': () => new ThrowsOnRead(),
  proxy: () =>
    new Proxy(new Error(SECRET), {
      get(target, key) {
        if (key === 'then') return undefined;
        return Reflect.get(target, key);
      },
      getPrototypeOf() {
        throw new Error(SECRET);
      },
    }),
  'an error with a cause': () => new Error('outer', { cause: new Error(SECRET) }),
  'an aggregate error': () => new AggregateError([new Error(SECRET)], 'many'),
};

async function failingDependency(): Promise<string> {
  throw new Error(`dependency ${SECRET}`);
}

function* failingCleanup() {
  yield 'value';
  throw new Error(`cleanup ${SECRET}`);
}

class AddressOut {
  @IsString() city!: string;
  @IsOptional() @IsString() zip?: string;
}

class TagOut {
  @IsString() label!: string;
}

class UserOut {
  @IsInt() id!: number;
  @IsString() name!: string;
  @ValidateNested() @Type(() => AddressOut) address!: AddressOut;
  @ValidateNested({ each: true }) @Type(() => TagOut) tags!: TagOut[];
}

const DECLARED: Record<string, readonly string[]> = {
  user: ['id', 'name', 'address', 'tags'],
  address: ['city', 'zip'],
  tag: ['label'],
};

let nextUser: unknown;

@Controller('/leak')
class Leaky {
  @Get('/throw') throwIt(@Query('kind') kind: string) {
    throw THROWN[kind]!();
  }
  @Get('/reject') async reject(@Query('kind') kind: string) {
    await new Promise((resolve) => setImmediate(resolve));
    throw THROWN[kind]!();
  }
  @Get('/dependency') dependency(@Depends(failingDependency) value: string) {
    return value;
  }
  @Get('/cleanup') cleanup(@Depends(failingCleanup, { scope: 'function' }) value: string) {
    return { value };
  }
  @Get('/unserializable') unserializable() {
    const cycle: Record<string, unknown> = { secret: SECRET };
    cycle.self = cycle;
    return cycle;
  }
  @Get('/bad-model', { responseModel: UserOut }) badModel() {
    return { id: 'not-a-number', name: SECRET, address: { city: 1 }, tags: 'x' };
  }
  @Get('/user', { responseModel: UserOut }) user() {
    return nextUser;
  }
}

let app: TrellisApp;
const logs: string[] = [];

beforeAll(async () => {
  app = createApp({ fastify: { logger: { level: 'error', stream: { write: (line: string) => void logs.push(line) } } } });
  app.include(Leaky);
  app.addMiddleware(async (request, callNext) => (await callNext(request)).setHeader('x-seen-by-middleware', '1'));
  await app.ready();
});
afterAll(() => app.close());

async function expectInternal(url: string, throughMiddleware = true): Promise<string[]> {
  logs.length = 0;
  const res = await app.fastify.inject({ method: 'GET', url });
  expect(res.statusCode).toBe(500);
  expect(res.payload).toBe(INTERNAL);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  expect(JSON.stringify(res.headers)).not.toContain(SECRET);
  if (throughMiddleware) expect(res.headers['x-seen-by-middleware']).toBe('1');
  await new Promise((resolve) => setImmediate(resolve));
  return logs.splice(0);
}

/** Thrown values that throw when inspected (instanceof, .message, .stack). */
const EXOTIC = new Set(['getters that throw', 'proxy']);

describe('500s leak nothing and are logged once', () => {
  test.each(Object.keys(THROWN).filter((k) => k !== 'an error with a 4xx statusCode' && !EXOTIC.has(k)))('thrown %s', async (kind) => {
    for (const path of ['throw', 'reject']) {
      const lines = await expectInternal(`/leak/${path}?kind=${encodeURIComponent(kind)}`);
      expect(lines).toHaveLength(1);
    }
  });

  // `statusOf` (instanceof) and the logger read the thrown value; when reading it throws,
  // ExceptionHandlers.respond answers a bare 500 anyway and logs what it can, once.
  test.each([...EXOTIC])('thrown %s: a bare 500 through the middleware, logged once without the detail', async (kind) => {
    for (const path of ['throw', 'reject']) {
      const lines = await expectInternal(`/leak/${path}?kind=${encodeURIComponent(kind)}`, true);
      expect(lines).toHaveLength(1);
      const entry = JSON.parse(lines[0]!) as { level: number; msg: string };
      expect([entry.level, entry.msg]).toEqual([50, `unhandled error on GET /leak/${path}?kind=${encodeURIComponent(kind)} (the thrown value threw when inspected)`]);
    }
  });

  test.each([...EXOTIC])('thrown %s on an app without middleware: a bare 500, logged once', async (kind) => {
    const bare = createApp({ fastify: { logger: { level: 'error', stream: { write: (line: string) => void logs.push(line) } } } });
    bare.include(Leaky);
    await bare.ready();
    for (const path of ['throw', 'reject']) {
      logs.length = 0;
      const res = await bare.fastify.inject({ method: 'GET', url: `/leak/${path}?kind=${encodeURIComponent(kind)}` });
      expect([res.statusCode, res.payload]).toEqual([500, INTERNAL]);
      await new Promise((resolve) => setImmediate(resolve));
      expect(logs).toHaveLength(1);
    }
    await bare.close();
  });

  test('the log line carries the stack when there is one', async () => {
    const [line] = await expectInternal('/leak/throw?kind=error');
    const entry = JSON.parse(line!) as { level: number; err: { message: string; stack: string } };
    expect(entry.level).toBe(50);
    expect(entry.err.message).toBe(`db password ${SECRET}`);
    expect(entry.err.stack).toContain('Leaky.throwIt');
  });

  test('an error carrying a 4xx statusCode answers that status with its phrase, not its message', async () => {
    const res = await app.fastify.inject({ method: 'GET', url: '/leak/throw?kind=an%20error%20with%20a%204xx%20statusCode' });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toEqual({ detail: 'Conflict' });
  });

  test('a failing dependency', async () => {
    expect(await expectInternal('/leak/dependency')).toHaveLength(1);
  });

  test('a function-scoped cleanup that throws (it runs before the response, so the response is a 500, as in FastAPI)', async () => {
    expect(await expectInternal('/leak/cleanup')).toHaveLength(1);
  });

  test('a return value that cannot be serialized (a cycle)', async () => {
    expect(await expectInternal('/leak/unserializable')).toHaveLength(1);
  });

  test('a return value the response model refuses', async () => {
    expect(await expectInternal('/leak/bad-model')).toHaveLength(1);
  });
});

describe('a response model lets no undeclared field out', () => {
  const base = () => ({ id: 1, name: 'ada', address: { city: 'Oslo', zip: '0150' }, tags: [{ label: 'a' }, { label: 'b' }] });

  /** Every key at every depth of a sent user is declared by its model. */
  function undeclared(sent: Record<string, unknown>): string[] {
    const found: string[] = [];
    const check = (value: unknown, model: string, path: string) => {
      if (typeof value !== 'object' || value === null) return;
      for (const key of Object.keys(value)) if (!DECLARED[model]!.includes(key)) found.push(`${path}.${key}`);
    };
    check(sent, 'user', 'user');
    check(sent.address, 'address', 'user.address');
    if (Array.isArray(sent.tags)) sent.tags.forEach((tag, i) => check(tag, 'tag', `user.tags[${i}]`));
    return found;
  }

  test('fuzzed extra fields, at every depth, with hostile names and values', async () => {
    const extras = fc.dictionary(
      fc.oneof(fc.constantFrom('password', 'secret', 'isAdmin', '__proto__', 'constructor', 'toJSON', 'then'), hostileKey),
      fc.oneof(fc.constant(SECRET), hostileJson),
      { minKeys: 1, maxKeys: 5 },
    );
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(extras, extras, extras, fc.boolean(), async (top, inAddress, inTag, asInstance) => {
        runs++;
        const user = base() as Record<string, unknown>;
        const define = (target: object, fields: Record<string, unknown>) => {
          for (const [key, value] of Object.entries(fields)) {
            if (key === 'toJSON' || key === 'then') continue; // behaviour-changing names are covered below
            if (!Object.hasOwn(target, key) && !DECLARED.user!.concat(DECLARED.address!, DECLARED.tag!).includes(key)) {
              Object.defineProperty(target, key, { value, enumerable: true, configurable: true, writable: true });
            }
          }
        };
        define(user, top);
        define(user.address as object, inAddress);
        define((user.tags as object[])[1]!, inTag);
        nextUser = asInstance ? Object.assign(Object.create(UserOut.prototype) as object, user) : user;
        const res = await app.fastify.inject({ method: 'GET', url: '/leak/user' });
        if (res.statusCode !== 200) throw new Error(`${res.statusCode} ${res.payload}`);
        expect(res.payload).not.toContain(SECRET);
        expect(undeclared(res.json())).toEqual([]);
        expect(res.json()).toEqual(base());
      }),
      { numRuns: process.env.TRELLIS_LONG === '1' ? 5000 : 300 },
    );
    expect(runs).toBeGreaterThanOrEqual(300);
  });

  test('a getter, a toJSON and a then on the returned object do not smuggle fields out', async () => {
    const user = base() as Record<string, unknown>;
    Object.defineProperty(user, 'password', { get: () => SECRET, enumerable: true });
    (user.address as Record<string, unknown>).toJSON = () => ({ city: 'Oslo', leaked: SECRET });
    nextUser = user;
    const res = await app.fastify.inject({ method: 'GET', url: '/leak/user' });
    expect(res.statusCode).toBe(200);
    expect(res.payload).not.toContain(SECRET);
    expect(undeclared(res.json())).toEqual([]);
  });
});
