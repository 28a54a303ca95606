import { exampleJson } from '../../support/example-files';
import { expectAnswers } from '../../support/expect-answers';
import { app, events } from './main';

test('start-up runs before the first request; teardown on close()', async () => {
  expect(events).toEqual([]);
  await expectAnswers(app, __dirname, 'request.sh', [[200, 'response.json']]);
  expect(events).toEqual(['connected']);
  await app.close();
  expect(events).toEqual(exampleJson(__dirname, 'events.json'));
});
