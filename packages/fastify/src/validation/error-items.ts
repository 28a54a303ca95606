import type { ErrorLocation, ValidationErrorItem } from '@trellis/metadata';

/*
 * Pydantic v2's error types and wording (see FASTAPI-FACTS.md), so a FastAPI client's
 * error handling keeps working. One builder per type; nothing else formats messages.
 */

type Items = ValidationErrorItem[];

function push(errors: Items, type: string, loc: ErrorLocation, msg: string, input: unknown, ctx?: Record<string, unknown>): void {
  errors.push(ctx === undefined ? { type, loc, msg, input } : { type, loc, msg, input, ctx });
}

const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`;

function quoteExpected(values: readonly unknown[]): string {
  const shown = values.map((v) => (typeof v === 'string' ? `'${v}'` : String(v)));
  if (shown.length <= 1) return shown.join('');
  return `${shown.slice(0, -1).join(', ')} or ${shown[shown.length - 1]}`;
}

export const err = {
  unionTagNotFound: (e: Items, loc: ErrorLocation, input: unknown, property: string) =>
    push(e, 'union_tag_not_found', loc, `Unable to extract tag using discriminator '${property}'`, input, { discriminator: `'${property}'` }),
  unionTagInvalid: (e: Items, loc: ErrorLocation, input: unknown, property: string, tag: string, tags: readonly string[]) => {
    const expected = tags.map((t) => `'${t}'`).join(', ');
    push(e, 'union_tag_invalid', loc, `Input tag '${tag}' found using '${property}' does not match any of the expected tags: ${expected}`, input, {
      discriminator: `'${property}'`,
      tag,
      expected_tags: expected,
    });
  },
  missing: (e: Items, loc: ErrorLocation, input: unknown) => push(e, 'missing', loc, 'Field required', input),
  stringType: (e: Items, loc: ErrorLocation, input: unknown) => push(e, 'string_type', loc, 'Input should be a valid string', input),
  intType: (e: Items, loc: ErrorLocation, input: unknown) => push(e, 'int_type', loc, 'Input should be a valid integer', input),
  intParsing: (e: Items, loc: ErrorLocation, input: unknown) =>
    push(e, 'int_parsing', loc, 'Input should be a valid integer, unable to parse string as an integer', input),
  intFromFloat: (e: Items, loc: ErrorLocation, input: unknown) =>
    push(e, 'int_from_float', loc, 'Input should be a valid integer, got a number with a fractional part', input),
  floatType: (e: Items, loc: ErrorLocation, input: unknown) => push(e, 'float_type', loc, 'Input should be a valid number', input),
  floatParsing: (e: Items, loc: ErrorLocation, input: unknown) =>
    push(e, 'float_parsing', loc, 'Input should be a valid number, unable to parse string as a number', input),
  finiteNumber: (e: Items, loc: ErrorLocation, input: unknown) => push(e, 'finite_number', loc, 'Input should be a finite number', input),
  unsafeInteger: (e: Items, loc: ErrorLocation, input: unknown) =>
    push(
      e,
      'unsafe_integer',
      loc,
      'Input should be an integer between -9007199254740991 and 9007199254740991 (declare the field as bigint to accept larger ones)',
      input,
    ),
  boolType: (e: Items, loc: ErrorLocation, input: unknown) => push(e, 'bool_type', loc, 'Input should be a valid boolean', input),
  boolParsing: (e: Items, loc: ErrorLocation, input: unknown) =>
    push(e, 'bool_parsing', loc, 'Input should be a valid boolean, unable to interpret input', input),
  datetimeType: (e: Items, loc: ErrorLocation, input: unknown) => push(e, 'datetime_type', loc, 'Input should be a valid datetime', input),
  datetimeParsing: (e: Items, loc: ErrorLocation, input: unknown) =>
    push(e, 'datetime_parsing', loc, 'Input should be a valid datetime, unable to parse input', input),
  listType: (e: Items, loc: ErrorLocation, input: unknown) => push(e, 'list_type', loc, 'Input should be a valid list', input),
  dictType: (e: Items, loc: ErrorLocation, input: unknown) => push(e, 'dict_type', loc, 'Input should be a valid dictionary', input),
  modelAttributesType: (e: Items, loc: ErrorLocation, input: unknown) =>
    push(e, 'model_attributes_type', loc, 'Input should be a valid dictionary or object to extract fields from', input),
  extraForbidden: (e: Items, loc: ErrorLocation, input: unknown) => push(e, 'extra_forbidden', loc, 'Extra inputs are not permitted', input),
  greaterThanEqual: (e: Items, loc: ErrorLocation, input: unknown, ge: number) =>
    push(e, 'greater_than_equal', loc, `Input should be greater than or equal to ${ge}`, input, { ge }),
  lessThanEqual: (e: Items, loc: ErrorLocation, input: unknown, le: number) =>
    push(e, 'less_than_equal', loc, `Input should be less than or equal to ${le}`, input, { le }),
  greaterThan: (e: Items, loc: ErrorLocation, input: unknown, gt: number) =>
    push(e, 'greater_than', loc, `Input should be greater than ${gt}`, input, { gt }),
  lessThan: (e: Items, loc: ErrorLocation, input: unknown, lt: number) => push(e, 'less_than', loc, `Input should be less than ${lt}`, input, { lt }),
  stringTooShort: (e: Items, loc: ErrorLocation, input: unknown, minLength: number) =>
    push(e, 'string_too_short', loc, `String should have at least ${plural(minLength, 'character')}`, input, { min_length: minLength }),
  stringTooLong: (e: Items, loc: ErrorLocation, input: unknown, maxLength: number) =>
    push(e, 'string_too_long', loc, `String should have at most ${plural(maxLength, 'character')}`, input, { max_length: maxLength }),
  patternMismatch: (e: Items, loc: ErrorLocation, input: unknown, pattern: string) =>
    push(e, 'string_pattern_mismatch', loc, `String should match pattern '${pattern}'`, input, { pattern }),
  enumMismatch: (e: Items, loc: ErrorLocation, input: unknown, values: readonly unknown[]) => {
    const expected = quoteExpected(values);
    push(e, 'enum', loc, `Input should be ${expected}`, input, { expected });
  },
  listTooShort: (e: Items, loc: ErrorLocation, input: unknown, minLength: number, actual: number) =>
    push(e, 'too_short', loc, `List should have at least ${plural(minLength, 'item')} after validation, not ${actual}`, input, {
      field_type: 'List',
      min_length: minLength,
      actual_length: actual,
    }),
  listTooLong: (e: Items, loc: ErrorLocation, input: unknown, maxLength: number, actual: number) =>
    push(e, 'too_long', loc, `List should have at most ${plural(maxLength, 'item')} after validation, not ${actual}`, input, {
      field_type: 'List',
      max_length: maxLength,
      actual_length: actual,
    }),
  valueError: (e: Items, loc: ErrorLocation, input: unknown, msg: string) => push(e, 'value_error', loc, msg, input),
  jsonInvalid: (e: Items, position: number, parserMessage: string) =>
    push(e, 'json_invalid', ['body', position], 'JSON decode error', {}, { error: parserMessage }),
  /** A constraint with no Pydantic counterpart keeps class-validator's name and message. */
  constraint: (e: Items, type: string, loc: ErrorLocation, input: unknown, msg: string) => push(e, type, loc, msg, input),
};
