import { expectAnswers } from '../../support/expect-answers';
import { app } from './main';

test('a path parameter is converted to its declared type', () => expectAnswers(app, __dirname, 'request.sh', [[200, 'response.json']]));

test('a value that is not an integer is a 422 naming the parameter', () => expectAnswers(app, __dirname, 'request-invalid.sh', [[422, 'response-invalid.json']]));

test('an enum parameter accepts its values and refuses the others', () =>
  expectAnswers(app, __dirname, 'request-model.sh', [
    [200, 'response-model.json'],
    [422, 'response-model-invalid.json'],
  ]));
