import 'reflect-metadata';
import { expectTypeOf } from 'expect-type';
import { BackgroundTasks, Body, Cookie, dependency, Form, Header, Path, Query, Res, Response, Tasks, type Marker, type RouteOptions } from '@trellis/metadata';

/*
 * Compile-time checks (run by `tsc` in `npm test`) of the markers' signatures: typed by
 * default, names required where the runtime needs them.
 */
test('markers are typed by default and require the names the runtime requires', () => {
  expectTypeOf(Res()).toEqualTypeOf<Marker<Response>>();
  expectTypeOf(Tasks()).toEqualTypeOf<Marker<BackgroundTasks>>();
  dependency({ res: Res(), tasks: Tasks() }, ({ res, tasks }) => {
    expectTypeOf(res).toEqualTypeOf<Response>();
    expectTypeOf(tasks).toEqualTypeOf<BackgroundTasks>();
  });

  // @ts-expect-error: a path parameter always has a name
  Path();
  expectTypeOf(Path('id', { type: 'integer' })).toEqualTypeOf<Marker<number>>();
  // Without a name, only as a whole DTO (decided at start-up from the parameter's type).
  expectTypeOf(Query()).toEqualTypeOf<Marker<unknown>>();
  expectTypeOf(Header()).toEqualTypeOf<Marker<unknown>>();
  expectTypeOf(Cookie()).toEqualTypeOf<Marker<unknown>>();
  expectTypeOf(Form()).toEqualTypeOf<Marker<unknown>>();
  expectTypeOf(Query('limit', { type: 'integer', default: 10 })).toEqualTypeOf<Marker<number>>();
  expectTypeOf(Form('age', { type: 'integer' })).toEqualTypeOf<Marker<number>>();
  // Untyped on purpose: any JSON object, or any value.
  expectTypeOf(Body('meta', { type: 'object' })).toEqualTypeOf<Marker<Record<string, unknown>>>();
  expectTypeOf(Body('payload', { type: 'any' })).toEqualTypeOf<Marker<unknown>>();
  expectTypeOf(Body('ids', { type: ['object'] })).toEqualTypeOf<Marker<Record<string, unknown>[]>>();

  // The route option is responseModel; `response` is its deprecated alias; `websocket` is not an option.
  expectTypeOf<RouteOptions['responseModel']>().toEqualTypeOf<RouteOptions['response']>();
  // @ts-expect-error: the WebSocket flag is recorded by @WebSocket, not set through options
  const options: RouteOptions = { websocket: true };
  expect(options).toBeDefined();
});
