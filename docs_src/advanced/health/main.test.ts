import { TestClient } from '@trellis/fastify';
import { expectAnswers } from '../../support/expect-answers';
import { app, setDatabaseUp } from './main';

test('liveness and readiness while the app runs', async () => {
  await expectAnswers(app, __dirname, 'request.sh', [
    [200, 'response-live.json'],
    [200, 'response-ready.json'],
  ]);
});

test('a failing check makes readiness 503, liveness stays 200', async () => {
  setDatabaseUp(false);
  await expectAnswers(app, __dirname, 'request-unready.sh', [[503, 'response-unavailable.json']]);
  await expectAnswers(app, __dirname, 'request.sh', [[200, 'response-live.json'], [503]]);
  setDatabaseUp(true);
});

test('from the moment close() begins, readiness answers 503 while the app still serves', async () => {
  // drainDelayMs is 5 s: fake timers stand in for the wait.
  jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
  const closed = app.close();
  try {
    await expectAnswers(app, __dirname, 'request-unready.sh', [[503, 'response-shutting-down.json']]);
    expect((await new TestClient(app).get('/books')).status).toBe(200);
    jest.advanceTimersByTime(5_000);
  } finally {
    jest.useRealTimers();
  }
  await closed;
});
