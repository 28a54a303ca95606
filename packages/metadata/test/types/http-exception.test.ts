import { expectTypeOf } from 'expect-type';
import { HTTPException, status, type RouteOptions, type StatusName } from '@trellis/metadata';

/*
 * Compile-time checks (run by `tsc` in `npm test`): each status constant is its literal,
 * the HTTPException helpers keep the literal status and the detail's type.
 */
test('status constants are literal numbers usable wherever a status is', () => {
  expectTypeOf(status.HTTP_201_CREATED).toEqualTypeOf<201>();
  expectTypeOf(status.WS_1008_POLICY_VIOLATION).toEqualTypeOf<1008>();
  expectTypeOf<StatusName>().toExtend<string>();
  expectTypeOf<'HTTP_404_NOT_FOUND'>().toExtend<StatusName>();
  // @ts-expect-error: not a Starlette name
  expect(status.HTTP_404_NOTFOUND).toBeUndefined();
  const options: RouteOptions = { status: status.HTTP_202_ACCEPTED };
  expect(options.status).toBe(202);
});

test('HTTPException helpers keep the literal status and the type of the detail', () => {
  expectTypeOf(HTTPException.notFound()).toEqualTypeOf<HTTPException<404, string>>();
  expectTypeOf(HTTPException.notFound('Item not found').detail).toEqualTypeOf<string>();
  expectTypeOf(HTTPException.conflict({ id: 3, code: 'exists' }).detail).toEqualTypeOf<{ id: number; code: string }>();
  expectTypeOf(HTTPException.unauthorized('Not authenticated', { 'WWW-Authenticate': 'Bearer' }).statusCode).toEqualTypeOf<401>();
  expectTypeOf(new HTTPException(status.HTTP_418_IM_A_TEAPOT)).toEqualTypeOf<HTTPException<418, unknown>>();
  // A specific exception is still an HTTPException wherever one is expected (handlers, catch blocks).
  expectTypeOf(HTTPException.forbidden()).toExtend<HTTPException>();
  expectTypeOf<HTTPException['statusCode']>().toEqualTypeOf<number>();
  // @ts-expect-error: headers are strings
  HTTPException.badRequest('x', { 'retry-after': 5 });
});
