import { expectAnswers } from '../../support/expect-answers';
import { app } from './main';

test('a JSON body is validated into the DTO and returned', () => expectAnswers(app, __dirname, 'request.sh', [[200, 'response.json']]));

test('path, query and body parameters together', () => expectAnswers(app, __dirname, 'request-update.sh', [[200, 'response-update.json']]));

test('several @Body(name) parameters read fields of one object', () => expectAnswers(app, __dirname, 'request-embed.sh', [[200, 'response-embed.json']]));
