import 'reflect-metadata';
import { Body, Controller, Get, Post, Res, Response } from '@trellis/metadata';
import { createApp, ResponseValidationError, StartupError, TestClient, type TrellisApp } from '@trellis/fastify';
import { Exclude, Expose, Type } from 'class-transformer';
import { IsEmail, IsInt, IsOptional, IsString, Length, Max, MinLength, ValidateNested } from 'class-validator';

class UserIn {
  @Length(1, 50) name!: string;
  @IsEmail() email!: string;
  @MinLength(8) password!: string;
}

class UserOut {
  @IsInt() id!: number;
  @IsString() name!: string;
  @IsEmail() email!: string;
}

class Tag {
  @IsString() label!: string;
}

class Address {
  @IsString() city!: string;
  @IsOptional() @IsString() zip?: string;
}

class Profile {
  @IsInt() id!: number;
  @ValidateNested() @Type(() => Address) address!: Address;
  @ValidateNested({ each: true }) @Type(() => Tag) tags!: Tag[];
  @IsOptional() @IsString() nickname?: string | null;
  @IsOptional() @IsInt() score: number = 10;
  @IsOptional() @Type(() => Date) seen?: Date;
}

class Account {
  @Expose() id!: number;
  @Expose({ name: 'display_name' }) displayName!: string;
  @Exclude() @IsString() secret!: string;
  @IsString() plan!: string;
}

class TreeNode {
  @IsString() name!: string;
  @IsOptional() @ValidateNested({ each: true }) @Type(() => TreeNode) children?: TreeNode[];
}

class Capped {
  @IsInt() @Max(10) n!: number;
}

const SECRET = 'hunter2-supersecret';
let logged: string[] = [];

@Controller('/m')
class Models {
  @Post('/users', { status: 201, responseModel: UserOut })
  create(@Body() user: UserIn) {
    return { id: 1, ...user, isAdmin: true };
  }

  @Get('/users', { responseModel: [UserOut] })
  list() {
    return [
      { id: 1, name: 'a', email: 'a@x.io', password: SECRET },
      { id: 2, name: 'b', email: 'b@x.io', password: SECRET },
    ];
  }

  @Get('/profile', { responseModel: Profile })
  profile() {
    return {
      id: 7,
      address: { city: 'Oslo', street: 'hidden', zip: undefined },
      tags: [{ label: 'x', internal: 1 }, { label: 'y' }],
      seen: new Date(Date.UTC(2024, 0, 2, 3, 4, 5)),
      password: SECRET,
    };
  }

  @Get('/profile/unset', { responseModel: Profile, responseExcludeUnset: true })
  profileUnset() {
    return { id: 7, address: { city: 'Oslo' }, tags: [] };
  }

  @Get('/profile/none', { responseModel: Profile, responseExcludeNone: true })
  profileNone() {
    return { id: 7, address: { city: 'Oslo', zip: null }, tags: [], nickname: null };
  }

  @Get('/profile/include', { responseModel: Profile, responseInclude: ['id', 'tags'] })
  profileInclude() {
    return { id: 7, address: { city: 'Oslo' }, tags: [{ label: 'x' }] };
  }

  @Get('/profile/exclude', { responseModel: Profile, responseExclude: ['address', 'seen'] })
  profileExclude() {
    return { id: 7, address: { city: 'Oslo' }, tags: [] };
  }

  @Get('/account', { responseModel: Account })
  account() {
    const account = new Account();
    Object.assign(account, { id: 3, displayName: 'Ada', secret: SECRET, plan: 'pro' });
    return account;
  }

  @Get('/bad/missing', { responseModel: UserOut })
  missing() {
    return { id: 1, name: 'a', password: SECRET };
  }

  @Get('/bad/type', { responseModel: UserOut })
  badType() {
    return { id: 'one', name: 'a', email: 'a@x.io' };
  }

  @Get('/bad/constraint', { responseModel: Capped })
  badConstraint() {
    return { n: 11 };
  }

  @Get('/tree', { responseModel: TreeNode })
  tree() {
    return { name: 'root', secret: 1, children: [{ name: 'a', children: [{ name: 'a1', secret: 2 }] }, { name: 'b' }] };
  }

  @Get('/numbers', { responseModel: [Number] })
  numbers() {
    return [1, 2.5];
  }

  @Get('/numbers/bad', { responseModel: [Number] })
  numbersBad() {
    return [1, 'two'];
  }

  @Get('/types-only', { responseModel: Capped, responseValidation: 'types' })
  typesOnly() {
    return { n: 11 };
  }

  @Get('/types-only/wrong', { responseModel: Capped, responseValidation: 'types' })
  typesOnlyWrong() {
    return { n: 1.5 };
  }

  @Get('/bad/nested', { responseModel: Profile })
  badNested() {
    return { id: 1, address: { city: 5 }, tags: [{ label: 'ok' }, {}] };
  }

  @Get('/none/404', { responseModel: UserOut })
  notFound(@Res() res: Response) {
    res.status = 404;
    return null;
  }
}

function build(): TrellisApp {
  // The app's own logger, writing into `logged`: proves the failure is logged at error level.
  const app = createApp({ fastify: { logger: { level: 'error', stream: { write: (line: string) => logged.push(line) } } } });
  app.include(Models);
  return app;
}

describe('response models (B22)', () => {
  let app: TrellisApp;
  let client: TestClient;
  beforeAll(async () => {
    app = build();
    client = new TestClient(app);
    await app.ready();
  });
  afterAll(() => app.close());
  beforeEach(() => (logged = []));

  test('fields the model does not declare never leave the server (leak test)', async () => {
    const res = await client.post('/m/users', { json: { name: 'Ada', email: 'ada@x.io', password: SECRET } });
    expect(res.status).toBe(201);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.text).toBe('{"id":1,"name":"Ada","email":"ada@x.io"}');
    expect(res.text).not.toContain(SECRET);
    expect(res.text).not.toContain('password');
  });

  test('[Model] filters every item of a list', async () => {
    const res = await client.get('/m/users');
    expect(res.status).toBe(200);
    expect(res.text).toBe('[{"id":1,"name":"a","email":"a@x.io"},{"id":2,"name":"b","email":"b@x.io"}]');
  });

  test('nested models and arrays of models are filtered; optional fields default to null, initializers apply', async () => {
    const res = await client.get('/m/profile');
    expect(res.status).toBe(200);
    expect(res.text).toBe(
      '{"id":7,"address":{"city":"Oslo","zip":null},"tags":[{"label":"x"},{"label":"y"}],"nickname":null,"score":10,"seen":"2024-01-02T03:04:05.000Z"}',
    );
  });

  test('responseExcludeUnset drops fields the value did not set (defaults included)', async () => {
    const res = await client.get('/m/profile/unset');
    expect(res.text).toBe('{"id":7,"address":{"city":"Oslo"},"tags":[]}');
  });

  test('responseExcludeNone drops null fields, nested too', async () => {
    const res = await client.get('/m/profile/none');
    expect(res.text).toBe('{"id":7,"address":{"city":"Oslo"},"tags":[],"score":10}');
  });

  test('responseInclude and responseExclude pick top-level fields', async () => {
    expect((await client.get('/m/profile/include')).text).toBe('{"id":7,"tags":[{"label":"x"}]}');
    expect((await client.get('/m/profile/exclude')).text).toBe('{"id":7,"tags":[],"nickname":null,"score":10}');
  });

  test('class-transformer @Expose renames and @Exclude hides', async () => {
    const res = await client.get('/m/account');
    // class-validator-declared fields come first, then those only class-transformer declares.
    expect(res.text).toBe('{"plan":"pro","id":3,"display_name":"Ada"}');
    expect(res.text).not.toContain(SECRET);
  });

  test.each([
    ['/m/bad/missing', 'response.email: Field required'],
    ['/m/bad/type', 'response.id: Input should be a valid integer, unable to parse string as an integer'],
    ['/m/bad/constraint', 'response.n: Input should be less than or equal to 10'],
    ['/m/bad/nested', 'response.address.city: Input should be a valid string; response.tags.1.label: Field required'],
  ])('a return value the model rejects is a 500, logged, never sent (%s)', async (url, message) => {
    const res = await client.get(url);
    expect(res.status).toBe(500);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.text).toBe('{"detail":"Internal Server Error"}');
    expect(logged).toHaveLength(1);
    const entry = JSON.parse(logged[0]!) as { level: number; err: { message: string; type: string } };
    expect(entry.level).toBe(50);
    expect(entry.err.type).toBe('ResponseValidationError');
    expect(entry.err.message).toContain('returned a value that does not match its response model');
    expect(entry.err.message).toContain(message);
  });

  test('a self-referencing model filters every level', async () => {
    const res = await client.get('/m/tree');
    expect(res.text).toBe('{"name":"root","children":[{"name":"a","children":[{"name":"a1","children":null}]},{"name":"b","children":null}]}');
  });

  test('a list of a built-in type', async () => {
    expect((await client.get('/m/numbers')).text).toBe('[1,2.5]');
    const bad = await client.get('/m/numbers/bad');
    expect(bad.status).toBe(500);
    expect(logged.join('')).toContain('response.1: Input should be a valid number');
  });

  test("responseValidation: 'types' skips constraints on the way out, still checks types", async () => {
    const res = await client.get('/m/types-only');
    expect([res.status, res.text]).toEqual([200, '{"n":11}']);
    const wrong = await client.get('/m/types-only/wrong');
    expect([wrong.status, wrong.text]).toEqual([500, '{"detail":"Internal Server Error"}']);
    expect(logged[0]).toContain('response.n: Input should be a valid integer, got a number with a fractional part');
  });

  test('ResponseValidationError can be answered by an exception handler, with loc starting at "response"', async () => {
    const other = build();
    other.exceptionHandler(ResponseValidationError, (_req, exc) => new Response(JSON.stringify(exc.errors()), { status: 500, mediaType: 'application/json' }));
    const res = await new TestClient(other).get('/m/bad/missing');
    expect(res.status).toBe(500);
    expect(res.json()).toEqual([{ type: 'missing', loc: ['response', 'email'], msg: 'Field required', input: { id: 1, name: 'a', password: SECRET } }]);
    await other.close();
  });

  test('null with an injected 404 is sent as null, even with a model (B21)', async () => {
    const res = await client.get('/m/none/404');
    expect(res.status).toBe(404);
    expect(res.text).toBe('null');
  });
});

describe('the README example', () => {
  class ReadmeUserIn {
    @IsString() name!: string;
    @IsEmail() email!: string;
    @MinLength(8) password!: string;
  }
  class ReadmeAddress {
    @IsString() city!: string;
  }
  class ReadmeUserOut {
    @IsInt() id!: number;
    @IsString() name!: string;
    @IsEmail() email!: string;
    @IsOptional() @ValidateNested() @Type(() => ReadmeAddress) address?: ReadmeAddress;
    @IsOptional() @IsString() @Expose({ name: 'display_name' }) displayName?: string;
  }
  @Controller('/users')
  class Users {
    @Post('', { status: 201, responseModel: ReadmeUserOut })
    create(@Body() user: ReadmeUserIn) {
      return { id: 1, ...user };
    }
  }

  test('answers as documented', async () => {
    const app = createApp().include(Users);
    const res = await new TestClient(app).post('/users', { json: { name: 'Ada', email: 'ada@x.io', password: SECRET } });
    expect(res.status).toBe(201);
    expect(res.text).toBe('{"id":1,"name":"Ada","email":"ada@x.io","address":null,"display_name":null}');
    await app.close();
  });
});

describe('response model mistakes fail at start-up', () => {
  test('a model with no declared fields', async () => {
    class Empty {
      id!: number;
    }
    @Controller('/e')
    class Bad {
      @Get('', { responseModel: Empty })
      get() {
        return { id: 1 };
      }
    }
    const app = createApp().include(Bad);
    await expect(app.ready()).rejects.toThrow(StartupError);
    await expect(createApp().include(Bad).ready()).rejects.toThrow(
      'Bad.get(): response model Empty declares no fields; decorate its properties (class-validator decorators or @Expose()) so Trellis knows what may be sent [TRELLIS_RESPONSE_MODEL_EMPTY]',
    );
  });

  test('responseExclude naming an unknown field', async () => {
    @Controller('/e')
    class Bad {
      @Get('', { responseModel: UserOut, responseExclude: ['password'] })
      get() {
        return {};
      }
    }
    await expect(createApp().include(Bad).ready()).rejects.toThrow(
      'Bad.get(): responseInclude/responseExclude names "password", which response model UserOut does not declare [TRELLIS_RESPONSE_FIELD_UNKNOWN]',
    );
  });
});

describe('the deprecated `response` option', () => {
  @Controller('/old')
  class OldSpelling {
    @Get('/user', { response: UserOut })
    user() {
      return { id: 1, name: 'Ada', email: 'ada@x.io', password: SECRET };
    }

    @Get('/both', { responseModel: UserOut, response: Tag })
    both() {
      return { id: 1, name: 'Ada', email: 'ada@x.io', label: 'ignored' };
    }
  }

  test('still filters through the model, and responseModel wins when both are set', async () => {
    const app = createApp().include(OldSpelling);
    const client = new TestClient(app);
    const res = await client.get('/old/user');
    expect([res.status, res.text]).toEqual([200, '{"id":1,"name":"Ada","email":"ada@x.io"}']);
    expect((await client.get('/old/both')).text).toBe('{"id":1,"name":"Ada","email":"ada@x.io"}');
    expect(app.routes.map((route) => route.output?.model)).toEqual([UserOut, UserOut]);
  });
});
