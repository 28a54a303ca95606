import { expectAnswers } from '../../support/expect-answers';
import { app } from './main';

test('one dependency declares the query parameters of two routes', () =>
  expectAnswers(app, __dirname, 'request.sh', [
    [200, 'response-items.json'],
    [200, 'response-users.json'],
  ]));

test("a class dependency's constructor parameters are validated like a handler's", () =>
  expectAnswers(app, __dirname, 'request-class.sh', [
    [200, 'response-class.json'],
    [422, 'response-class-invalid.json'],
  ]));

test('controller dependencies run first; an HTTPException from a sub-dependency stops the request', () =>
  expectAnswers(app, __dirname, 'request-sub.sh', [
    [200, 'response-sub.json'],
    [400, 'response-sub-invalid.json'],
  ]));
