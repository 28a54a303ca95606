import { expectAnswers } from '../../support/expect-answers';
import { app } from './main';

test('form fields are validated like query parameters', () =>
  expectAnswers(app, __dirname, 'request-form.sh', [
    [422, 'response-form-invalid.json'],
    [200, 'response-form.json'],
  ]));

test('an uploaded file is streamed: its name, type, size and digest', () => expectAnswers(app, __dirname, 'request-files.sh', [[201, 'response-files.json']]));
