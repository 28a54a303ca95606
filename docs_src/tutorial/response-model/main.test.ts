import { expectAnswers } from '../../support/expect-answers';
import { app } from './main';

test('the password never leaves; optional fields are null; display_name is renamed', () => expectAnswers(app, __dirname, 'request.sh', [[201, 'response.json']]));

test('a list of the model, without null fields; the nested zip is not in Address', () => expectAnswers(app, __dirname, 'request-list.sh', [[200, 'response-list.json']]));
