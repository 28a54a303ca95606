import { expectAnswers } from '../../support/expect-answers';
import { exampleJson } from '../../support/example-files';
import { app, log } from './main';

/** Request-scoped cleanup runs after the response is sent: give it a moment. */
const afterResponse = () => new Promise((resolve) => setTimeout(resolve, 20));

test('one session per request, shared by both dependencies; committed or rolled back, always released', async () => {
  await expectAnswers(app, __dirname, 'request.sh', [[200, 'response.json']]);
  await afterResponse();
  await expectAnswers(app, __dirname, 'request-denied.sh', [[401, 'response-denied.json']]);
  await afterResponse();
  expect(log).toEqual(exampleJson(__dirname, 'log.json'));
});
