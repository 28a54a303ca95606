import { expectAnswers } from '../../support/expect-answers';
import { app, strictApp } from './lax-mode';

test('lax mode reads "2", "9.5" and "yes" as the declared types, and the external name', () =>
  expectAnswers(app, __dirname, 'request-lax.sh', [[200, 'response-lax.json']]));

test('what lax mode cannot read is a 422 with Pydantic types', () => expectAnswers(app, __dirname, 'request-lax-invalid.sh', [[422, 'response-lax-invalid.json']]));

test('a strict DTO wants the declared type', () => expectAnswers(app, __dirname, 'request-strict.sh', [[422, 'response-strict.json']]));

test('a response model reads "17" as 17', () => expectAnswers(app, __dirname, 'request-lax-response.sh', [[200, 'response-lax-response.json']]));

test('createApp({ strict: true }) makes every JSON body strict', async () => {
  const [res] = await expectAnswers(strictApp, __dirname, 'request-lax.sh', [[422]]);
  expect(res!.json()).toEqual({
    detail: [
      { type: 'int_type', loc: ['body', 'quantity'], msg: 'Input should be a valid integer', input: '2' },
      { type: 'float_type', loc: ['body', 'price'], msg: 'Input should be a valid number', input: '9.5' },
      { type: 'bool_type', loc: ['body', 'gift'], msg: 'Input should be a valid boolean', input: 'yes' },
    ],
  });
});
