import { expectAnswers } from '../../support/expect-answers';
import { app } from './shortcuts';

test('status constants and HTTPException helpers answer the named status, detail and headers', async () => {
  const responses = await expectAnswers(app, __dirname, 'request-shortcuts.sh', [
    [201, 'response-created.json'],
    [409, 'response-conflict.json'],
    [404, 'response-not-found.json'],
    [401, 'response-unauthorized.json'],
  ]);
  expect(responses[3]!.headers['www-authenticate']).toBe('Bearer');
  expect(responses[2]!.headers['www-authenticate']).toBeUndefined();
});
