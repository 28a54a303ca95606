import { BULLMQ_ERROR_CODES, BullMQError } from '@trellis/bullmq';
import { TrellisError } from '@trellis/metadata';
import { documentedErrorCodes } from '../../../test/support/documented-error-codes';
import { bullmqError } from '../src/errors';

/* docs/errors.md lists every @trellis/bullmq code with its meaning and message, and nothing else. */
test('the table in docs/errors.md is BULLMQ_ERROR_CODES, word for word', () => {
  const documented = Object.fromEntries(Object.entries(documentedErrorCodes()).filter(([code]) => code.startsWith('TRELLIS_BULLMQ_')));
  expect(documented).toEqual(BULLMQ_ERROR_CODES);
});

test('an error is raised with its table message and is a TrellisError', () => {
  const error = bullmqError('TRELLIS_BULLMQ_REDIS_UNREACHABLE', { redis: 'redis://127.0.0.1:1/', timeoutMs: 5 });
  expect(error).toBeInstanceOf(BullMQError);
  expect(error).toBeInstanceOf(TrellisError);
  expect([error.name, error.message]).toEqual(['TrellisBullMQError', 'Redis at redis://127.0.0.1:1/ did not answer within 5 ms [TRELLIS_BULLMQ_REDIS_UNREACHABLE]']);
});
