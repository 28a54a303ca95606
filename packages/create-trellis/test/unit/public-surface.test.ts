import { publicSurface } from '../../../../test/support/public-surface';

/*
 * The whole public surface of create-trellis: what its src/index.ts exports, values and
 * type-only names. An export added or removed by accident fails here; a deliberate one
 * updates this list (and the docs that describe it).
 */
test('create-trellis exports exactly its documented surface', () => {
  expect(publicSurface('create-trellis')).toEqual({
    values: [
      'RUNNERS',
      'createProject',
      'projectFiles',
    ],
    types: [
      'CreateResult',
      'ProjectOptions',
      'Runner',
    ],
  });
});
