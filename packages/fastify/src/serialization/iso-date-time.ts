const MS_PER_DAY = 86_400_000;
/** Days from 0000-03-01 to 1970-01-01: the calendar below counts years from March, so leap days end a year. */
const EPOCH_SHIFT_DAYS = 719_468;
const DAYS_PER_ERA = 146_097; // 400 Gregorian years

/** Days from 0000-03-01 to 10000-03-01: a shifted day number below it is a year this file writes. */
const DAYS_TO_YEAR_10000 = 25 * DAYS_PER_ERA;

// The parts of the string with the separator after them, so a date is 7 additions, not 13.
const twoDigits = (n: number): string => (n < 10 ? `0${n}` : `${n}`);
const DASH_MONTH_DASH = Array.from({ length: 13 }, (_, n) => `-${twoDigits(n)}-`);
const DAY_T = Array.from({ length: 32 }, (_, n) => `${twoDigits(n)}T`);
const TWO_DIGITS_COLON = Array.from({ length: 60 }, (_, n) => `${twoDigits(n)}:`);
const SECONDS_DOT = Array.from({ length: 60 }, (_, n) => `${twoDigits(n)}.`);
const MILLIS_Z = Array.from({ length: 1000 }, (_, n) => `${n < 10 ? '00' : n < 100 ? '0' : ''}${n}Z`);
const pad4 = (n: number): string => (n < 10 ? `000${n}` : n < 100 ? `00${n}` : n < 1000 ? `0${n}` : `${n}`);

/**
 * `new Date(time).toISOString()` for a valid time, computed with integer arithmetic from the
 * milliseconds: V8's toISOString is a runtime call that goes through its date cache, and was
 * the largest single cost of writing a list of dated objects. Years outside 0000–9999
 * (written with a sign and six digits) are left to toISOString. Past the day number every
 * quantity is a non-negative int32, so `(a / b) | 0` is the floor and V8 divides integers.
 */
export function isoDateTime(time: number): string {
  const days = Math.floor(time / MS_PER_DAY);
  let rest = time - days * MS_PER_DAY;
  // The civil date of a day number (the proleptic Gregorian calendar, eras of 400 years).
  const shifted = days + EPOCH_SHIFT_DAYS;
  if (shifted < 0 || shifted >= DAYS_TO_YEAR_10000) return new Date(time).toISOString();
  const era = (shifted / DAYS_PER_ERA) | 0;
  const dayOfEra = shifted - era * DAYS_PER_ERA;
  const yearOfEra = ((dayOfEra - ((dayOfEra / 1460) | 0) + ((dayOfEra / 36_524) | 0) - ((dayOfEra / 146_096) | 0)) / 365) | 0;
  const dayOfYear = dayOfEra - (365 * yearOfEra + ((yearOfEra / 4) | 0) - ((yearOfEra / 100) | 0));
  const monthFromMarch = ((5 * dayOfYear + 2) / 153) | 0;
  const day = dayOfYear - (((153 * monthFromMarch + 2) / 5) | 0) + 1;
  const month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
  // January and February of 10000 pass the guard: its years start in March.
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  if (year > 9999) return new Date(time).toISOString();
  const hours = (rest / 3_600_000) | 0;
  rest -= hours * 3_600_000;
  const minutes = (rest / 60_000) | 0;
  rest -= minutes * 60_000;
  const seconds = (rest / 1000) | 0;
  return pad4(year) + DASH_MONTH_DASH[month]! + DAY_T[day]! + TWO_DIGITS_COLON[hours]! + TWO_DIGITS_COLON[minutes]! + SECONDS_DOT[seconds]! + MILLIS_Z[rest - seconds * 1000]!;
}
