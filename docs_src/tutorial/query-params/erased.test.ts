import { expectAnswers } from '../../support/expect-answers';
import { readExample } from '../../support/example-files';
import { app, erasedApp } from './erased';

test('a union type without { type } stops the app at start-up with erased-error.txt', async () => {
  const error = await erasedApp.ready().then(
    () => undefined,
    (failure: Error) => failure,
  );
  expect(`${error?.name}: ${error?.message}`).toBe(readExample(__dirname, 'erased-error.txt').trim());
});

test('declared with { type }, a repeated scalar takes its last value', () => expectAnswers(app, __dirname, 'request-repeated.sh', [[200, 'response-repeated.json']]));
