import 'reflect-metadata';
import { Controller, Get, JSONResponse, ModelConfig } from '@trellis/metadata';
import { createApp, ResponseValidationError, TestClient, type TrellisApp } from '@trellis/fastify';
import { Expose, Type } from 'class-transformer';
import { IsBoolean, IsInt, IsNumber, IsOptional, IsString, ValidateNested } from 'class-validator';

/*
 * A response model validates the return value as Pydantic does (lax mode: "42" is 42) and
 * reads a returned plain object by each field's external name, as class-transformer does.
 */

class Stats {
  @IsInt() id!: number;
  @IsNumber() score!: number;
  @IsBoolean() active!: boolean;
}

class UserOut {
  @IsInt() id!: number;
  @Expose({ name: 'userName' }) @IsString() name!: string;
  @IsOptional() @ValidateNested() @Type(() => Stats) @Expose({ name: 'lastStats' }) stats?: Stats;
}

@ModelConfig({ strict: true })
class StrictOut {
  @IsInt() id!: number;
}

@Controller()
class Outputs {
  @Get('/stats', { responseModel: Stats })
  stats() {
    return { id: '42', score: '2.5', active: 'true' };
  }

  @Get('/stats/bad', { responseModel: Stats })
  badStats() {
    return { id: '4.5', score: 'high', active: 'maybe' };
  }

  @Get('/users', { responseModel: [UserOut] })
  users() {
    const instance = Object.assign(new UserOut(), { id: 2, name: 'Grace' });
    return [{ id: '1', userName: 'Ada', lastStats: { id: 7, score: 1, active: 1 } }, instance, { id: 3, name: 'Internal' }];
  }

  @Get('/users/missing', { responseModel: UserOut })
  missing() {
    return { id: 1 };
  }

  @Get('/strict', { responseModel: StrictOut })
  strict() {
    return { id: '42' };
  }
}

function answerWithErrors(app: TrellisApp): TrellisApp {
  app.exceptionHandler(ResponseValidationError, (_req, exc) => new JSONResponse({ errors: exc.errors() }, { status: 500 }));
  return app;
}

const app = answerWithErrors(createApp());
app.include(Outputs);
const client = new TestClient(app);

describe('response models in lax mode', () => {
  test('"42" for an integer is 42, "2.5" a number, "true" a boolean', async () => {
    const res = await client.get('/stats');
    expect(res.status).toBe(200);
    expect(res.text).toBe('{"id":42,"score":2.5,"active":true}');
  });

  test('what lax mode cannot read is still a response validation error (500)', async () => {
    const res = await client.get('/stats/bad');
    expect(res.status).toBe(500);
    expect(res.json()).toEqual({
      errors: [
        { type: 'int_parsing', loc: ['response', 'id'], msg: 'Input should be a valid integer, unable to parse string as an integer', input: '4.5' },
        { type: 'float_parsing', loc: ['response', 'score'], msg: 'Input should be a valid number, unable to parse string as a number', input: 'high' },
        { type: 'bool_parsing', loc: ['response', 'active'], msg: 'Input should be a valid boolean, unable to interpret input', input: 'maybe' },
      ],
    });
  });

  test('a plain object is read by the external name; an instance by its property; nested too', async () => {
    const res = await client.get('/users');
    expect(res.status).toBe(200);
    expect(res.text).toBe(
      '[{"id":1,"userName":"Ada","lastStats":{"id":7,"score":1,"active":true}},{"id":2,"userName":"Grace","lastStats":null},{"id":3,"userName":"Internal","lastStats":null}]',
    );
  });

  test('a missing renamed field is named by its external name', async () => {
    const res = await client.get('/users/missing');
    expect(res.json()).toEqual({ errors: [{ type: 'missing', loc: ['response', 'userName'], msg: 'Field required', input: { id: 1 } }] });
  });

  test('@ModelConfig({ strict: true }) keeps the return value strict', async () => {
    const res = await client.get('/strict');
    expect(res.json()).toEqual({ errors: [{ type: 'int_type', loc: ['response', 'id'], msg: 'Input should be a valid integer', input: '42' }] });
  });

  test('createApp({ strict: true }) makes every response model strict', async () => {
    const strictApp = answerWithErrors(createApp({ strict: true }));
    strictApp.include(Outputs);
    const res = await new TestClient(strictApp).get('/stats');
    expect(res.status).toBe(500);
    expect(res.json()).toEqual({
      errors: [
        { type: 'int_type', loc: ['response', 'id'], msg: 'Input should be a valid integer', input: '42' },
        { type: 'float_type', loc: ['response', 'score'], msg: 'Input should be a valid number', input: '2.5' },
        { type: 'bool_type', loc: ['response', 'active'], msg: 'Input should be a valid boolean', input: 'true' },
      ],
    });
    await strictApp.close();
  });
});
