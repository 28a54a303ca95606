'use strict';
/**
 * The large app's Dto{i} as a class-validator class: Trellis and NestJS both validate with
 * class-validator, so both generators write exactly these lines (bench/lib/large-app/).
 * The fields: name 1..50, email, count integer 0..1000, note? ≤ 200, tags? string[], active.
 */
const dtoClass = (i) => [
  `class Dto${i} {`,
  '  @Length(1, 50) name!: string;',
  '  @IsEmail() email!: string;',
  '  @IsInt() @Min(0) @Max(1000) count!: number;',
  '  @IsOptional() @IsString() @MaxLength(200) note?: string;',
  '  @IsOptional() @IsArray() @IsString({ each: true }) tags?: string[];',
  '  @IsBoolean() active!: boolean;',
  '}',
];

/** The class-validator names `dtoClass` uses, for the import line. */
const DTO_DECORATORS = ['IsArray', 'IsBoolean', 'IsEmail', 'IsInt', 'IsOptional', 'IsString', 'Length', 'Max', 'MaxLength', 'Min'];

module.exports = { dtoClass, DTO_DECORATORS };
