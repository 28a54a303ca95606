import { writeEnumName } from '../metadata-store';

/**
 * Names the enum of a DTO field (`@IsEnum(Color)` or `@IsIn([...])`) so the OpenAPI document
 * lists it once, as the component `name`, and the field refers to it (`$ref`), as FastAPI
 * does with a Python `Enum`. Fields naming the same enum share the component; one name for
 * two different value lists is a start-up error. Unnamed enums stay inline. Parameters take
 * the same as the `enumName` option (`@Query('color', { enum: Color, enumName: 'Color' })`).
 * @example
 * class Paint { @IsEnum(Color) @EnumName('Color') color!: Color; }
 */
export function EnumName(name: string): PropertyDecorator {
  return (target, propertyKey) => {
    writeEnumName(target, propertyKey, name);
  };
}
