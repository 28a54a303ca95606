import 'reflect-metadata';
import { describeModelFields, fieldShape, resolveType, writtenFields } from '@trellis/metadata';
import { Exclude, Expose, Type } from 'class-transformer';
import { IsDefined, IsInt, IsOptional, IsString, Min, ValidateIf, ValidateNested } from 'class-validator';

/* The DTO describers: what the validator, the serializer and the OpenAPI builder all start from. */
class Line {
  @IsString() sku!: string;
}

enum Level {
  Low = 1,
  High = 2,
}

class Order {
  @IsInt() @Min(1) id!: number;
  @IsOptional() @IsString() note?: string;
  @IsOptional() @IsDefined() @IsString() must?: string;
  @ValidateNested({ each: true }) @Type(() => Line) lines!: Line[];
  @IsString({ each: true }) tags!: string[];
  @ValidateIf((order: Order) => order.id > 1) @IsString() extra?: string;
  @Type(() => Date) placed!: Date;
}

@Exclude()
class Account {
  @Expose({ name: 'account_id' }) @IsInt() id!: number;
  @IsString() password!: string;
  @Expose() get label(): string {
    return 'x';
  }
}

class Hidden {
  @IsInt() id!: number;
  @Exclude() @IsString() secret!: string;
}

describe('describeModelFields', () => {
  it('lists the declared fields in source order with their constraints, type checks first', () => {
    const fields = describeModelFields(Order);
    expect(fields.map((f) => f.name)).toEqual(['id', 'note', 'must', 'lines', 'tags', 'extra', 'placed']);
    const id = fields[0]!;
    expect([id.designType, id.optional, id.constraints.map((c) => [c.name, c.constraints])]).toEqual([Number, false, [['isInt', []], ['min', [1]]]]);
    expect(fields.find((f) => f.name === 'must')).toMatchObject({ optional: true, defined: true });
    expect(fields.find((f) => f.name === 'lines')).toMatchObject({ designType: Array, typeHint: Line });
    expect(fields.find((f) => f.name === 'extra')!.conditions).toHaveLength(1);
    // A field only class-transformer declares is still a field.
    expect(fields.find((f) => f.name === 'placed')).toMatchObject({ designType: Date, typeHint: Date, constraints: [] });
  });
});

describe('fieldShape', () => {
  const shape = (name: string) => fieldShape(describeModelFields(Order).find((f) => f.name === name)!);
  it('decides list, nested model and scalar once', () => {
    expect(shape('id')).toEqual({ list: false, model: undefined, scalar: 'integer' });
    expect(shape('note')).toEqual({ list: false, model: undefined, scalar: 'string' });
    expect(shape('lines')).toEqual({ list: true, model: Line, scalar: undefined });
    expect(shape('tags')).toEqual({ list: true, model: undefined, scalar: 'string' });
    expect(shape('placed')).toEqual({ list: false, model: undefined, scalar: 'date' });
  });
});

describe('writtenFields', () => {
  it('with @Exclude() on the class: only @Expose()d fields (getters too), under their written keys', () => {
    expect(writtenFields(Account).map((w) => [w.field.name, w.key])).toEqual([
      ['id', 'account_id'],
      ['label', 'label'],
    ]);
  });
  it('without it: every declared field but the @Exclude()d ones', () => {
    expect(writtenFields(Hidden).map((w) => w.key)).toEqual(['id']);
  });
});

describe('resolveType', () => {
  it('resolves { type }, { enum } and design:paramtypes', () => {
    expect(resolveType('integer', Number, undefined)).toEqual({ kind: 'scalar', scalar: 'integer', enumValues: undefined });
    expect(resolveType(['integer'], Array, undefined)).toEqual({ kind: 'list', item: { kind: 'scalar', scalar: 'integer', enumValues: undefined } });
    expect(resolveType(undefined, Boolean, undefined)).toEqual({ kind: 'scalar', scalar: 'boolean', enumValues: undefined });
    expect(resolveType(undefined, Array, undefined)).toEqual({ kind: 'list', item: { kind: 'scalar', scalar: 'string', enumValues: undefined } });
    expect(resolveType(undefined, Order, undefined)).toEqual({ kind: 'model', model: Order });
    expect(resolveType(undefined, Object, undefined)).toEqual({ kind: 'any' });
    expect(resolveType(undefined, undefined, undefined)).toBeUndefined();
  });
  it('an enum gives its values (numeric reverse mappings left out) and their scalar', () => {
    expect(resolveType(undefined, Number, Level)).toEqual({ kind: 'scalar', scalar: 'number', enumValues: [1, 2] });
    expect(resolveType(undefined, Array, ['a', 'b'])).toEqual({ kind: 'list', item: { kind: 'scalar', scalar: 'string', enumValues: ['a', 'b'] } });
  });
});
