import { expectAnswers } from '../support/expect-answers';
import { app } from './main';

test('bad input: every error in one 422, in FastAPI’s shape', () => expectAnswers(app, __dirname, 'request.sh', [[422, 'response-422.json']]));

test('a user is created, read back, and a missing one is a 404', () =>
  expectAnswers(app, __dirname, 'request-created.sh', [
    [201, 'response-created.json'],
    [200, 'response-read.json'],
    [404, 'response-404.json'],
  ]));
