import { expectAnswers } from '../../support/expect-answers';
import { app } from './main';

test('headers are matched case-insensitively; cookies by name', () => expectAnswers(app, __dirname, 'request.sh', [[200, 'response.json']]));

test('a required header that is missing is a 422 at ["header", name]', () => expectAnswers(app, __dirname, 'request-missing.sh', [[422, 'response-missing.json']]));
