import 'reflect-metadata';
import { Body, Controller, ModelConfig, Post, Query } from '@trellis/metadata';
import { createApp, TestClient } from '@trellis/fastify';
import { Type } from 'class-transformer';
import { IsBoolean, IsInt, IsNumber, IsOptional, IsString, Min, ValidateNested } from 'class-validator';

/*
 * JSON bodies in Pydantic 2's default lax mode (FASTAPI-FACTS.md), and its strict mode per
 * DTO (`@ModelConfig({ strict: true })`) and per app (`createApp({ strict: true })`).
 */

type Detail = { detail: unknown[] };

class Order {
  @IsInt() @Min(1) count!: number;
  @IsOptional() @IsNumber() price?: number;
  @IsOptional() @IsBoolean() gift?: boolean;
  @IsOptional() @IsString() note?: string;
  @IsOptional() @IsInt({ each: true }) lines?: number[];
}

@ModelConfig({ strict: true })
class StrictOrder {
  @IsInt() count!: number;
  @IsOptional() @IsBoolean() gift?: boolean;
  @IsOptional() @ValidateNested() @Type(() => Order) inner?: Order;
}

@ModelConfig({ strict: false })
class LaxOrder {
  @IsInt() count!: number;
}

@Controller()
class Orders {
  @Post('/orders')
  create(@Body() order: Order) {
    return order;
  }

  @Post('/strict')
  strict(@Body() order: StrictOrder) {
    return order;
  }

  @Post('/lax')
  lax(@Body() order: LaxOrder) {
    return order;
  }

  @Post('/embedded')
  embedded(@Body('count', { type: 'integer' }) count: number, @Body('gift', { type: 'boolean' }) gift: boolean, @Query('page', { type: 'integer', default: 1 }) page: number) {
    return { count, gift, page };
  }
}

const app = createApp();
app.include(Orders);
const client = new TestClient(app);
const post = (url: string, body: string) => client.post(url, { body, headers: { 'content-type': 'application/json' } });

describe('lax JSON bodies (the default, as Pydantic 2)', () => {
  test('numeric strings, 36.0 and boolean words become the declared types', async () => {
    const res = await post('/orders', '{"count":"36","price":"2.5","gift":"yes","note":"x","lines":["1",2.0,true]}');
    expect(res.status).toBe(200);
    expect(res.text).toBe('{"count":36,"price":2.5,"gift":true,"note":"x","lines":[1,2,1]}');
    expect((await post('/orders', '{"count":36.0}')).text).toBe('{"count":36}');
    expect((await post('/orders', '{"count":" 7 ","price":3}')).text).toBe('{"count":7,"price":3}');
  });

  test.each([
    ['true', true],
    ['"true"', true],
    ['"TRUE"', true],
    ['"1"', true],
    ['"t"', true],
    ['"y"', true],
    ['"yes"', true],
    ['"on"', true],
    ['1', true],
    ['1.0', true],
    ['false', false],
    ['"False"', false],
    ['"0"', false],
    ['"f"', false],
    ['"n"', false],
    ['"no"', false],
    ['"off"', false],
    ['0', false],
  ])('a boolean field reads %s as %s', async (sent, read) => {
    const res = await post('/orders', `{"count":1,"gift":${sent}}`);
    expect(res.text).toBe(`{"count":1,"gift":${read}}`);
  });

  test('what cannot be read is a 422 with Pydantic type and message', async () => {
    const res = await post('/orders', '{"count":"36.5","price":"cheap","gift":"maybe","note":123,"lines":[1.5,"x"]}');
    expect(res.status).toBe(422);
    expect(res.json()).toEqual({
      detail: [
        { type: 'int_parsing', loc: ['body', 'count'], msg: 'Input should be a valid integer, unable to parse string as an integer', input: '36.5' },
        { type: 'float_parsing', loc: ['body', 'price'], msg: 'Input should be a valid number, unable to parse string as a number', input: 'cheap' },
        { type: 'bool_parsing', loc: ['body', 'gift'], msg: 'Input should be a valid boolean, unable to interpret input', input: 'maybe' },
        { type: 'string_type', loc: ['body', 'note'], msg: 'Input should be a valid string', input: 123 },
        { type: 'int_from_float', loc: ['body', 'lines', 0], msg: 'Input should be a valid integer, got a number with a fractional part', input: 1.5 },
        { type: 'int_parsing', loc: ['body', 'lines', 1], msg: 'Input should be a valid integer, unable to parse string as an integer', input: 'x' },
      ],
    });
  });

  test('36.5 is int_from_float; 2 and 0.5 are no booleans; a list is no number', async () => {
    const res = await post('/orders', '{"count":36.5}');
    expect(res.json()).toEqual({
      detail: [{ type: 'int_from_float', loc: ['body', 'count'], msg: 'Input should be a valid integer, got a number with a fractional part', input: 36.5 }],
    });
    expect((await post('/orders', '{"count":1,"gift":2}')).json()).toEqual({
      detail: [{ type: 'bool_parsing', loc: ['body', 'gift'], msg: 'Input should be a valid boolean, unable to interpret input', input: 2 }],
    });
    expect((await post('/orders', '{"count":1,"gift":0.5}')).json()).toEqual({
      detail: [{ type: 'bool_type', loc: ['body', 'gift'], msg: 'Input should be a valid boolean', input: 0.5 }],
    });
    expect((await post('/orders', '{"count":[1]}')).json()).toEqual({
      detail: [{ type: 'int_type', loc: ['body', 'count'], msg: 'Input should be a valid integer', input: [1] }],
    });
  });

  test('constraints check the coerced value and echo what was sent', async () => {
    const res = await post('/orders', '{"count":"0"}');
    expect(res.json()).toEqual({
      detail: [{ type: 'greater_than_equal', loc: ['body', 'count'], msg: 'Input should be greater than or equal to 1', input: '0', ctx: { ge: 1 } }],
    });
  });

  test('embedded body fields are lax too', async () => {
    expect((await post('/embedded', '{"count":"4","gift":"on"}')).text).toBe('{"count":4,"gift":true,"page":1}');
  });
});

describe('strict mode', () => {
  test('@ModelConfig({ strict: true }): the value must already have the declared type', async () => {
    const res = await post('/strict', '{"count":"36","gift":"true"}');
    expect(res.status).toBe(422);
    expect(res.json()).toEqual({
      detail: [
        { type: 'int_type', loc: ['body', 'count'], msg: 'Input should be a valid integer', input: '36' },
        { type: 'bool_type', loc: ['body', 'gift'], msg: 'Input should be a valid boolean', input: 'true' },
      ],
    });
    expect((await post('/strict', '{"count":36,"gift":true}')).text).toBe('{"count":36,"gift":true}');
  });

  test('a nested model keeps its own (lax) mode', async () => {
    expect((await post('/strict', '{"count":1,"inner":{"count":"2"}}')).text).toBe('{"count":1,"inner":{"count":2}}');
  });

  describe('createApp({ strict: true })', () => {
    const strictApp = createApp({ strict: true });
    strictApp.include(Orders);
    const strictClient = new TestClient(strictApp);
    const strictPost = (url: string, body: string) => strictClient.post(url, { body, headers: { 'content-type': 'application/json' } });

    test('every JSON body is strict', async () => {
      const res = await strictPost('/orders', '{"count":"36","lines":["1"]}');
      expect(res.json<Detail>()).toEqual({
        detail: [
          { type: 'int_type', loc: ['body', 'count'], msg: 'Input should be a valid integer', input: '36' },
          { type: 'int_type', loc: ['body', 'lines', 0], msg: 'Input should be a valid integer', input: '1' },
        ],
      });
      expect((await strictPost('/embedded', '{"count":"4","gift":1}')).json()).toEqual({
        detail: [
          { type: 'int_type', loc: ['body', 'count'], msg: 'Input should be a valid integer', input: '4' },
          { type: 'bool_type', loc: ['body', 'gift'], msg: 'Input should be a valid boolean', input: 1 },
        ],
      });
    });

    test('a model with strict: false stays lax, and query values are still parsed', async () => {
      expect((await strictPost('/lax', '{"count":"36"}')).text).toBe('{"count":36}');
      const res = await strictClient.post('/embedded?page=2', { json: { count: 4, gift: false } });
      expect(res.text).toBe('{"count":4,"gift":false,"page":2}');
    });
  });
});
