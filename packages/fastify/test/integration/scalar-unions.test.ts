import 'reflect-metadata';
import { Body, Controller, Get, Path, Post, Query } from '@trellis/metadata';
import { createApp, TestClient } from '@trellis/fastify';

/*
 * Plain unions of scalars (`{ type: ['integer', 'string'] }`), tried as Pydantic's smart
 * mode tries them: a member the value already is wins (a query value is a string), else the
 * first member, in order, that converts it; `left_to_right` only goes in order.
 */
@Controller()
class Unions {
  @Get('/smart')
  smart(@Query('q', { type: ['integer', 'string'] }) q: number | string) {
    return { q, type: typeof q };
  }

  @Get('/ordered/:id')
  ordered(@Path('id', { type: ['integer', 'string'], unionMode: 'left_to_right' }) id: number | string) {
    return { id, type: typeof id };
  }

  @Get('/no-string')
  noString(@Query('v', { type: ['integer', 'boolean'] }) v: number | boolean) {
    return { v };
  }

  @Get('/bounded')
  bounded(@Query('v', { type: ['integer', 'string'], maxLength: 3 }) v: number | string) {
    return { v };
  }

  @Get('/list')
  list(@Query('v', { type: [['integer', 'boolean']] }) v: (number | boolean)[]) {
    return { v };
  }

  @Post('/json')
  json(@Body('v', { type: ['integer', 'string'], minimum: 1 }) v: number | string) {
    return { v, type: typeof v };
  }
}

const app = createApp().include(Unions);
const client = new TestClient(app);
afterAll(() => app.close());

describe('plain unions of scalars', () => {
  test('smart mode: a query value is a string, so a string member takes it as is', async () => {
    expect((await client.get('/smart?q=5')).json()).toEqual({ q: '5', type: 'string' });
  });

  test('left_to_right: the first member that converts the value wins', async () => {
    expect((await client.get('/ordered/5')).json()).toEqual({ id: 5, type: 'number' });
    expect((await client.get('/ordered/abc')).json()).toEqual({ id: 'abc', type: 'string' });
  });

  test('without a string member the members convert in order', async () => {
    expect((await client.get('/no-string?v=1')).json()).toEqual({ v: 1 });
    expect((await client.get('/no-string?v=yes')).json()).toEqual({ v: true });
  });

  test("when no member accepts the value, each member's error is reported under its Pydantic name, in declared order", async () => {
    const res = await client.get('/no-string?v=maybe');
    expect(res.status).toBe(422);
    expect(res.json()).toEqual({
      detail: [
        { type: 'int_parsing', loc: ['query', 'v', 'int'], msg: 'Input should be a valid integer, unable to parse string as an integer', input: 'maybe' },
        { type: 'bool_parsing', loc: ['query', 'v', 'bool'], msg: 'Input should be a valid boolean, unable to interpret input', input: 'maybe' },
      ],
    });
  });

  test('constraints apply per member: a string too long for maxLength can still be the integer', async () => {
    expect((await client.get('/bounded?v=12345')).json()).toEqual({ v: 12345 });
    const res = await client.get('/bounded?v=abcde');
    expect(res.json()).toEqual({
      detail: [
        { type: 'int_parsing', loc: ['query', 'v', 'int'], msg: 'Input should be a valid integer, unable to parse string as an integer', input: 'abcde' },
        { type: 'string_too_long', loc: ['query', 'v', 'str'], msg: 'String should have at most 3 characters', input: 'abcde', ctx: { max_length: 3 } },
      ],
    });
  });

  test('a list of a union converts each item; errors carry the index and the member', async () => {
    expect((await client.get('/list?v=1&v=off')).json()).toEqual({ v: [1, false] });
    const res = await client.get('/list?v=2&v=x');
    expect(res.json()).toEqual({
      detail: [
        { type: 'int_parsing', loc: ['query', 'v', 1, 'int'], msg: 'Input should be a valid integer, unable to parse string as an integer', input: 'x' },
        { type: 'bool_parsing', loc: ['query', 'v', 1, 'bool'], msg: 'Input should be a valid boolean, unable to interpret input', input: 'x' },
      ],
    });
  });

  test('in a JSON body a member the value already is wins; else the members coerce it in order', async () => {
    expect((await client.post('/json', { json: { v: 5 } })).json()).toEqual({ v: 5, type: 'number' });
    expect((await client.post('/json', { json: { v: '5' } })).json()).toEqual({ v: '5', type: 'string' });
    const low = await client.post('/json', { json: { v: 0 } });
    expect(low.json()).toEqual({
      detail: [
        { type: 'greater_than_equal', loc: ['body', 'v', 'int'], msg: 'Input should be greater than or equal to 1', input: 0, ctx: { ge: 1 } },
        { type: 'string_type', loc: ['body', 'v', 'str'], msg: 'Input should be a valid string', input: 0 },
      ],
    });
    // No member is a boolean, so the lax pass runs in order: the integer takes true as 1.
    expect((await client.post('/json', { json: { v: true } })).json()).toEqual({ v: 1, type: 'number' });
    const res = await client.post('/json', { json: { v: [] } });
    expect(res.json()).toEqual({
      detail: [
        { type: 'int_type', loc: ['body', 'v', 'int'], msg: 'Input should be a valid integer', input: [] },
        { type: 'string_type', loc: ['body', 'v', 'str'], msg: 'Input should be a valid string', input: [] },
      ],
    });
  });
});

describe('plain unions of scalars under strict mode', () => {
  @Controller()
  class Strict {
    @Post('/json')
    json(@Body('v', { type: ['integer', 'boolean'] }) v: number | boolean) {
      return { v };
    }
  }
  const strictApp = createApp({ strict: true }).include(Strict);
  const strictClient = new TestClient(strictApp);
  afterAll(() => strictApp.close());

  test('a JSON value must already be one of the members: nothing is coerced', async () => {
    expect((await strictClient.post('/json', { json: { v: false } })).json()).toEqual({ v: false });
    const res = await strictClient.post('/json', { json: { v: '5' } });
    expect(res.json()).toEqual({
      detail: [
        { type: 'int_type', loc: ['body', 'v', 'int'], msg: 'Input should be a valid integer', input: '5' },
        { type: 'bool_type', loc: ['body', 'v', 'bool'], msg: 'Input should be a valid boolean', input: '5' },
      ],
    });
  });
});
