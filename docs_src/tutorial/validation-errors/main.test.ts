import { expectAnswers } from '../../support/expect-answers';
import { app } from './main';

test('every error of every source comes back in one 422', () => expectAnswers(app, __dirname, 'request.sh', [[422, 'response.json']]));

test('malformed JSON is a 422 json_invalid with the position', () => expectAnswers(app, __dirname, 'request-json.sh', [[422, 'response-json.json']]));

test('a missing field has the enclosing object as input', () => expectAnswers(app, __dirname, 'request-missing.sh', [[422, 'response-missing.json']]));
