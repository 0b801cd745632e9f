import { fail, ok, type Normalised } from '../errors';

/**
 * Reads a birth date written as `YYYY-MM-DD`, `YYYYMMDD`, `D.M.YYYY` or `D/M/YYYY` (day first, as in
 * Finland) into `YYYY-MM-DD`, rejecting impossible dates and dates in the future.
 *
 * @example
 * normaliseDate('5.3.1980'); // { ok: true, value: '1980-03-05' }
 * normaliseDate('1980-02-30'); // { ok: false, reason: 'is not a real calendar date' }
 */
export function normaliseDate(raw: string, now: Date = new Date()): Normalised<string> {
  const text = raw.trim();
  if (text === '') return fail('is empty');
  let m = /^(\d{4})-?(\d{1,2})-?(\d{1,2})(?:[T ].*)?$/.exec(text);
  let y: number, mo: number, d: number;
  if (m !== null && (text.includes('-') || text.length === 8)) {
    [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  } else if ((m = /^(\d{1,2})[./](\d{1,2})[./](\d{4})$/.exec(text)) !== null) {
    [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  } else {
    return fail('is not a date in a known format (YYYY-MM-DD, YYYYMMDD, D.M.YYYY)');
  }
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (mo < 1 || mo > 12 || date.getUTCDate() !== d || date.getUTCMonth() !== mo - 1 || y < 1800) {
    return fail('is not a real calendar date');
  }
  if (date.getTime() > now.getTime()) return fail('is in the future');
  return ok(`${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
}
