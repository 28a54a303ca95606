import fc from 'fast-check';
import { isoDateTime } from '../../../src/serialization/iso-date-time';

/** The range of valid Date values: ±100 000 000 days around the epoch. */
const MAX_TIME = 8.64e15;

describe('isoDateTime', () => {
  test('is toISOString for every valid time', () => {
    fc.assert(
      fc.property(fc.integer({ min: -MAX_TIME, max: MAX_TIME }), (time) => {
        expect(isoDateTime(time)).toBe(new Date(time).toISOString());
      }),
      { numRuns: 20_000 },
    );
  });

  test('is toISOString around the years 0000 and 9999 and the calendar edges', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(-62_167_219_200_000, 253_402_300_799_999, 0, 951_782_400_000, 4_107_456_000_000, -2_203_891_200_000),
        fc.integer({ min: -3 * 86_400_000, max: 3 * 86_400_000 }),
        (edge, offset) => {
          expect(isoDateTime(edge + offset)).toBe(new Date(edge + offset).toISOString());
        },
      ),
      { numRuns: 5_000 },
    );
  });

  test.each([
    [0, '1970-01-01T00:00:00.000Z'],
    [-1, '1969-12-31T23:59:59.999Z'],
    [951_782_400_000, '2000-02-29T00:00:00.000Z'],
    [-62_167_219_200_001, '-000001-12-31T23:59:59.999Z'],
    [253_402_300_800_000, '+010000-01-01T00:00:00.000Z'],
    [MAX_TIME, '+275760-09-13T00:00:00.000Z'],
  ])('%d is %s', (time, text) => {
    expect(isoDateTime(time)).toBe(text);
  });
});
