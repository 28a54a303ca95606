import { getMetadataStorage, IsOptional, IsString, ValidateIf } from 'class-validator';
import { isOptionalMark } from '../../../src/models/is-optional-mark';

class Marked {
  @IsOptional() @IsString() nickname?: string;
  @ValidateIf((object: Marked) => object.nickname !== undefined) @IsString() display?: string;
}

const conditionals = (property: string) =>
  getMetadataStorage()
    .getTargetValidationMetadatas(Marked, '', true, false)
    .filter((m) => m.propertyName === property && m.type === 'conditionalValidation');

describe('isOptionalMark', () => {
  test('knows @IsOptional() by the name class-validator ≥ 0.14.2 gives it', () => {
    const [optional] = conditionals('nickname');
    expect(optional?.name).toBe('isOptional');
    expect(isOptionalMark(optional!)).toBe(true);
  });

  test('knows an unnamed @IsOptional() record (class-validator 0.14.0–0.14.1) by its condition', () => {
    const [optional] = conditionals('nickname');
    expect(isOptionalMark({ constraints: optional!.constraints })).toBe(true);
  });

  test('a @ValidateIf() condition, named or not, is not @IsOptional()', () => {
    const [condition] = conditionals('display');
    expect(isOptionalMark(condition!)).toBe(false);
    expect(isOptionalMark({ constraints: condition!.constraints })).toBe(false);
    expect(isOptionalMark({ constraints: [(o: { x?: unknown }) => o.x !== undefined] })).toBe(false);
  });
});
