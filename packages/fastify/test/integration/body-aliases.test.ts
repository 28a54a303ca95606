import 'reflect-metadata';
import { Body, Controller, Form, Get, ModelConfig, Post, Query } from '@trellis/metadata';
import { createApp, TestClient } from '@trellis/fastify';
import { Expose, Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, MinLength, ValidateNested } from 'class-validator';

/* `@Expose({ name })` is the field's external name on input too (Pydantic's alias), as class-transformer reads it. */

class Address {
  @Expose({ name: 'postCode' }) @IsString() zip!: string;
}

class SignUp {
  @Expose({ name: 'userName' }) @IsString() @MinLength(2) name!: string;
  @IsInt() age!: number;
  @IsOptional() @ValidateNested() @Type(() => Address) @Expose({ name: 'homeAddress' }) address?: Address;
}

@ModelConfig({ extra: 'forbid' })
class Closed {
  @Expose({ name: 'userName' }) @IsString() name!: string;
}

class Filters {
  @Expose({ name: 'page-size' }) @IsOptional() @IsInt() pageSize?: number;
}

@Controller()
class Accounts {
  @Post('/signup')
  signUp(@Body() body: SignUp) {
    return { name: body.name, age: body.age, zip: body.address?.zip ?? null, isSignUp: body instanceof SignUp };
  }

  @Post('/closed')
  closed(@Body() body: Closed) {
    return { name: body.name };
  }

  @Get('/search')
  search(@Query() filters: Filters) {
    return { pageSize: filters.pageSize ?? null };
  }

  @Post('/form')
  form(@Form() body: Closed) {
    return { name: body.name };
  }
}

const app = createApp();
app.include(Accounts);
const client = new TestClient(app);

describe('aliases on input', () => {
  test('a renamed field is read from its external name, nested ones too', async () => {
    const res = await client.post('/signup', { json: { userName: 'Ada', age: 36, homeAddress: { postCode: 'N1' } } });
    expect(res.status).toBe(200);
    expect(res.text).toBe('{"name":"Ada","age":36,"zip":"N1","isSignUp":true}');
  });

  test('the internal name is not read; errors name the external one', async () => {
    const res = await client.post('/signup', { json: { name: 'Ada', age: 36, homeAddress: { zip: 'N1' } } });
    expect(res.status).toBe(422);
    expect(res.json()).toEqual({
      detail: [
        { type: 'missing', loc: ['body', 'userName'], msg: 'Field required', input: { name: 'Ada', age: 36, homeAddress: { zip: 'N1' } } },
        { type: 'missing', loc: ['body', 'homeAddress', 'postCode'], msg: 'Field required', input: { zip: 'N1' } },
      ],
    });
    const short = await client.post('/signup', { json: { userName: 'A', age: 1 } });
    expect(short.json()).toEqual({
      detail: [{ type: 'string_too_short', loc: ['body', 'userName'], msg: 'String should have at least 2 characters', input: 'A', ctx: { min_length: 2 } }],
    });
  });

  test("extra: 'forbid' knows the external name, and refuses the internal one", async () => {
    expect((await client.post('/closed', { json: { userName: 'Ada' } })).text).toBe('{"name":"Ada"}');
    const res = await client.post('/closed', { json: { userName: 'Ada', name: 'x' } });
    expect(res.json()).toEqual({ detail: [{ type: 'extra_forbidden', loc: ['body', 'name'], msg: 'Extra inputs are not permitted', input: 'x' }] });
  });

  test('query and form DTOs read external names too', async () => {
    expect((await client.get('/search?page-size=20')).text).toBe('{"pageSize":20}');
    expect((await client.get('/search?page-size=x')).json()).toEqual({
      detail: [{ type: 'int_parsing', loc: ['query', 'page-size'], msg: 'Input should be a valid integer, unable to parse string as an integer', input: 'x' }],
    });
    const form = await client.post('/form', { body: 'userName=Ada', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(form.text).toBe('{"name":"Ada"}');
  });
});
