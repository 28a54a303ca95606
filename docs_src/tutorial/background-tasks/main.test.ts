import { exampleJson } from '../../support/example-files';
import { expectAnswers } from '../../support/expect-answers';
import { app, sent } from './main';

test('the response is sent first; the task runs after it', async () => {
  await expectAnswers(app, __dirname, 'request.sh', [[201, 'response.json']]);
  expect(sent).toEqual([]); // the client already has its 201
  await app.close(); // close() waits for pending background tasks
  expect(sent).toEqual(exampleJson(__dirname, 'sent.json'));
});
