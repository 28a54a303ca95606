import { expectAnswers } from '../../support/expect-answers';
import { app } from './main';

test('the Request, injected by type or with Req(), shows the whole request', () => expectAnswers(app, __dirname, 'request.sh', [[200, 'response.json']]));
