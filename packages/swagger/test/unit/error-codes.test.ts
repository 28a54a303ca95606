import { TrellisError } from '@trellis/metadata';
import { OPENAPI_ERROR_CODES, OpenAPIStartupError } from '@trellis/swagger';
import { documentedErrorCodes } from '../../../../test/support/documented-error-codes';

test('every OpenAPI start-up error code is documented with its meaning and message template, and nothing else is', () => {
  const documented = Object.fromEntries(Object.entries(documentedErrorCodes()).filter(([code]) => code.startsWith('TRELLIS_OPENAPI_')));
  expect(documented).toEqual(OPENAPI_ERROR_CODES);
});

test('OpenAPIStartupError is a TrellisError with its code', () => {
  const error = new OpenAPIStartupError('TRELLIS_OPENAPI_DUPLICATE_OPERATION_ID', 'twice');
  expect(error).toBeInstanceOf(TrellisError);
  expect([error.code, error.message]).toEqual(['TRELLIS_OPENAPI_DUPLICATE_OPERATION_ID', 'twice [TRELLIS_OPENAPI_DUPLICATE_OPERATION_ID]']);
});
