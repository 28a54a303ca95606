import 'reflect-metadata';
import { Exclude, Expose, Type } from 'class-transformer';
import { IsEmail, IsInt, IsOptional, IsString, Max, ValidateNested } from 'class-validator';
import { compileResponseModel, type ResponseModelOptions } from '../../../src/serialization/compile-response-model';
import { ResponseValidationError } from '../../../src/serialization/response-validation-error';

/* The response serializer compiler alone: what each compiled serializer writes, and refuses. */
const DEFAULTS: ResponseModelOptions = { excludeUnset: false, excludeNone: false, include: undefined, exclude: undefined, checkConstraints: true };
const compile = (model: Parameters<typeof compileResponseModel>[0], options: Partial<ResponseModelOptions> = {}) =>
  compileResponseModel(model, { ...DEFAULTS, ...options }, 'Test.handler()');

class Address {
  @IsString() city!: string;
  @IsOptional() @IsString() zip?: string;
}

class UserOut {
  @IsInt() id!: number;
  @IsEmail() email!: string;
  @IsOptional() @ValidateNested() @Type(() => Address) address?: Address;
  @IsString({ each: true }) tags: string[] = [];
}

@Exclude()
class Renamed {
  @Expose({ name: 'user_id' }) @IsInt() id!: number;
  @IsString() secret!: string;
}

class Capped {
  @IsInt() @Max(10) count!: number;
}

describe('compileResponseModel', () => {
  it('writes declared fields only, nested and listed, with defaults and null for absent optionals', () => {
    const { serialize } = compile(UserOut);
    expect(serialize({ id: 1, email: 'a@x.io', password: 'hunter2', address: { city: 'Oslo', street: 'hidden' } })).toBe(
      '{"id":1,"email":"a@x.io","address":{"city":"Oslo","zip":null},"tags":[]}',
    );
    expect(compile([UserOut]).serialize([{ id: 1, email: 'a@x.io' }])).toBe('[{"id":1,"email":"a@x.io","address":null,"tags":[]}]');
  });

  it('applies excludeUnset, excludeNone, include and exclude', () => {
    const value = { id: 1, email: 'a@x.io', address: null };
    expect(compile(UserOut, { excludeUnset: true }).serialize({ id: 1, email: 'a@x.io' })).toBe('{"id":1,"email":"a@x.io"}');
    expect(compile(UserOut, { excludeNone: true }).serialize(value)).toBe('{"id":1,"email":"a@x.io","tags":[]}');
    expect(compile(UserOut, { include: ['id'] }).serialize(value)).toBe('{"id":1}');
    expect(compile(UserOut, { exclude: ['address', 'tags'] }).serialize(value)).toBe('{"id":1,"email":"a@x.io"}');
  });

  it('honours @Exclude/@Expose: only exposed fields, under their written keys', () => {
    expect(compile(Renamed).serialize({ id: 7, secret: 's' })).toBe('{"user_id":7}');
  });

  it('sends null as null, and streams items through serializeItem', () => {
    const compiled = compile([UserOut]);
    expect(compiled.serialize(null)).toBe('null');
    expect(compiled.serializeItem({ id: 2, email: 'b@x.io' })).toBe('{"id":2,"email":"b@x.io","address":null,"tags":[]}');
  });

  it('refuses a value the model rejects, with every error located under "response"', () => {
    let thrown: unknown;
    try {
      compile(UserOut).serialize({ id: 'one', address: { zip: 5 } });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ResponseValidationError);
    expect((thrown as ResponseValidationError).errors().map((e) => [e.type, e.loc])).toEqual([
      ['int_parsing', ['response', 'id']],
      ['missing', ['response', 'email']],
      ['missing', ['response', 'address', 'city']],
      ['string_type', ['response', 'address', 'zip']],
    ]);
  });

  it("checks constraints unless told 'types' only", () => {
    expect(() => compile(Capped).serialize({ count: 11 })).toThrow(ResponseValidationError);
    expect(compile(Capped, { checkConstraints: false }).serialize({ count: 11 })).toBe('{"count":11}');
  });

  it('fails at start-up on a model with no fields, or an unknown include/exclude name', () => {
    class Empty {}
    expect(() => compile(Empty)).toThrow('Test.handler(): response model Empty declares no fields');
    expect(() => compile(UserOut, { exclude: ['password'] })).toThrow(
      'Test.handler(): responseInclude/responseExclude names "password", which response model UserOut does not declare [TRELLIS_RESPONSE_FIELD_UNKNOWN]',
    );
  });
});
