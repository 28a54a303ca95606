import { expectAnswers } from '../../support/expect-answers';
import { app } from './main';

test('skip and limit are read from the query string, with defaults', () => expectAnswers(app, __dirname, 'request.sh', [[200, 'response.json']]));

test('an optional parameter is null when absent; booleans accept yes', () =>
  expectAnswers(app, __dirname, 'request-read.sh', [
    [200, 'response-read-short.json'],
    [200, 'response-read.json'],
  ]));

test('a repeated parameter fills a list', () => expectAnswers(app, __dirname, 'request-tags.sh', [[200, 'response-tags.json']]));

test('a constraint that fails is a 422', () => expectAnswers(app, __dirname, 'request-invalid.sh', [[422, 'response-invalid.json']]));
