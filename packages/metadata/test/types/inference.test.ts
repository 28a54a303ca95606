import 'reflect-metadata';
import { expectTypeOf } from 'expect-type';
import { Body, Cookie, Depends, dependency, Header, Path, Query, type DependencyValue, type MarkerValue } from '@trellis/metadata';

/*
 * Compile-time checks of the public API's inference (run by `tsc` in `npm test`);
 * jest only runs the one runtime assertion at the end.
 */

class UserIn {
  name!: string;
}

async function* getDb() {
  yield { query: (sql: string) => sql.length };
}
function getConfig() {
  return { debug: true };
}
class Paging {
  page = 1;
}

const currentUser = dependency(
  {
    db: Depends(getDb),
    token: Header('x-token'),
    limit: Query('limit', { type: 'integer', default: 10 }),
    q: Query('q', { optional: true }),
    ids: Query('id', { type: ['integer'] }),
    color: Query('color', { enum: ['red', 'green'] as const }),
    session: Cookie('session'),
    id: Path('id', { type: Number }),
    user: Body('user', { type: UserIn }),
    config: Depends(getConfig),
    paging: Depends(Paging),
  },
  (inputs) => {
    expectTypeOf(inputs.db).toEqualTypeOf<{ query: (sql: string) => number }>();
    expectTypeOf(inputs.token).toEqualTypeOf<string>();
    expectTypeOf(inputs.limit).toEqualTypeOf<number>();
    expectTypeOf(inputs.q).toEqualTypeOf<string | undefined>();
    expectTypeOf(inputs.ids).toEqualTypeOf<number[]>();
    expectTypeOf(inputs.color).toEqualTypeOf<'red' | 'green'>();
    expectTypeOf(inputs.session).toEqualTypeOf<string>();
    expectTypeOf(inputs.id).toEqualTypeOf<number>();
    expectTypeOf(inputs.user).toEqualTypeOf<UserIn>();
    expectTypeOf(inputs.config).toEqualTypeOf<{ debug: boolean }>();
    expectTypeOf(inputs.paging).toEqualTypeOf<Paging>();
    return { name: 'alice' };
  },
);

expectTypeOf<DependencyValue<typeof currentUser>>().toEqualTypeOf<{ name: string }>();
expectTypeOf<MarkerValue<ReturnType<typeof Depends<typeof currentUser>>>>().toEqualTypeOf<{ name: string }>();

// A dependency's own dependencies flow through: this one receives currentUser's value.
const isAdmin = dependency({ user: Depends(currentUser) }, ({ user }) => user.name === 'admin');
expectTypeOf<DependencyValue<typeof isAdmin>>().toEqualTypeOf<boolean>();

test('dependency() returns the function it was given', () => {
  const fn = () => 1;
  expect(dependency({}, fn)).toBe(fn);
});
