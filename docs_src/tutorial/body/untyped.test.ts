import { expectAnswers } from '../../support/expect-answers';
import { app } from './untyped';

test("{ type: 'object' } takes any JSON object and answers anything else with dict_type; { type: 'any' } takes any value", () =>
  expectAnswers(app, __dirname, 'request-untyped.sh', [
    [200, 'response-untyped.json'],
    [422, 'response-untyped-invalid.json'],
    [200, 'response-untyped-any.json'],
  ]));
