import { joinPath } from '../../src/describe/join-path';

test.each([
  [['/v1', '/users', '/:id'], '/v1/users/:id'],
  [['', '', ''], '/'],
  [['/v1/', '/users/', ''], '/v1/users/'],
  [['v1', 'items', '{item_id}'], '/v1/items/:item_id'],
  [['/api', '', '/'], '/api/'],
])('joinPath(%j) → %s', (parts, expected) => {
  expect(joinPath(...parts)).toBe(expected);
});
