import { expectAnswers } from '../../support/expect-answers';
import { app } from './src/app';

test('routers prefix, tag and guard their controllers; the same controller can be mounted with include options', () =>
  expectAnswers(app, __dirname, 'request.sh', [
    [200, 'response-users.json'],
    [200, 'response-item.json'],
    [422, 'response-no-token.json'],
    [200, 'response-admin.json'],
  ]));

test('the tree the page shows is the files that exist', () => {
  // The page includes these files; importing them proves they compile and are the ones used.
  expect(require('./src/routers/users').Users).toBeDefined();
  expect(require('./src/routers/items').Items).toBeDefined();
  expect(require('./src/routers/admin').Admin).toBeDefined();
  expect(require('./src/dependencies/verify-token').verifyToken).toBeDefined();
});
