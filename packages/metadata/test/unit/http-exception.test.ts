import { HTTPException } from '@trellis/metadata';

/* The static helpers: status, detail (the phrase by default, as the constructor) and headers. */
test.each([
  ['badRequest', 400, 'Bad Request'],
  ['unauthorized', 401, 'Unauthorized'],
  ['forbidden', 403, 'Forbidden'],
  ['notFound', 404, 'Not Found'],
  ['conflict', 409, 'Conflict'],
  ['unprocessableContent', 422, 'Unprocessable Entity'],
  ['tooManyRequests', 429, 'Too Many Requests'],
  ['serviceUnavailable', 503, 'Service Unavailable'],
] as const)('HTTPException.%s() is a %i whose default detail is %j', (helper, statusCode, phrase) => {
  const bare = HTTPException[helper]();
  expect(bare).toBeInstanceOf(HTTPException);
  expect(bare).toBeInstanceOf(Error);
  expect({ name: bare.name, statusCode: bare.statusCode, detail: bare.detail, headers: bare.headers }).toEqual({
    name: 'HTTPException',
    statusCode,
    detail: phrase,
    headers: undefined,
  });

  const full = HTTPException[helper]({ code: 'x' }, { 'retry-after': '5' });
  expect({ statusCode: full.statusCode, detail: full.detail, headers: full.headers, message: full.message }).toEqual({
    statusCode,
    detail: { code: 'x' },
    headers: { 'retry-after': '5' },
    message: `HTTP ${statusCode}`,
  });
  expect(HTTPException[helper]('why').message).toBe('why');
});
