import { expectAnswers } from '../../support/expect-answers';
import { app } from './main';

afterAll(() => app.close());

test('the fourth login within a minute is refused, with Retry-After', async () => {
  const responses = await expectAnswers(app, __dirname, 'request.sh', [[200], [200], [200], [429, 'response-429.json']]);
  expect([responses[3]!.headers['retry-after'], responses[3]!.headers['x-ratelimit-limit']]).toEqual(['60', '3']);
});
