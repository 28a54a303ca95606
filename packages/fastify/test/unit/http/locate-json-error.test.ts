import { locateJsonError } from '../../../src/http/locate-json-error';

const locate = (text: string) => {
  try {
    JSON.parse(text);
  } catch (error) {
    return locateJsonError(text, (error as Error).message);
  }
  throw new Error('valid JSON');
};

test.each([
  ['{"a": }', 6, "Unexpected token '}'"],
  ['xyz', 0, "Unexpected token 'x'"],
  ['{"a":1', 6, "Expected ',' or '}' after property value in JSON at position 6"],
  ['', 0, 'Unexpected end of JSON input'],
  ['{"a":tru}', 8, "Unexpected token '}'"],
  ['[1,2,]', 5, "Unexpected token ']'"],
  ['{"a":"b"}x', 9, 'Unexpected non-whitespace character after JSON at position 9'],
])('%j fails at %d', (text, position, message) => {
  expect(locate(text)).toEqual({ position, message });
});
