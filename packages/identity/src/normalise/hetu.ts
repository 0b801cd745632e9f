import { createHmac } from 'node:crypto';
import { fail, ok, type Normalised } from '../errors';

const CHECK_CHARS = '0123456789ABCDEFHJKLMNPRSTUVWXY';
/** Century of each sign: the old ones (+, -, A) and the ones added in 2023 (Y X W V U, B C D E F). */
const CENTURY: Readonly<Record<string, number>> = {
  '+': 1800,
  '-': 1900, Y: 1900, X: 1900, W: 1900, V: 1900, U: 1900,
  A: 2000, B: 2000, C: 2000, D: 2000, E: 2000, F: 2000,
};
const HETU_RE = /^(\d{2})(\d{2})(\d{2})([-+YXWVUABCDEF])(\d{3})([0-9A-Y])$/;

/** A validated henkilötunnus: its digest and what it says about the person, never the number itself. */
export interface NormalisedHetu {
  /** `hmac:<hex>` of the upper-cased id, century sign included. */
  value: string;
  birthDate: string;
  sex: 'female' | 'male';
  temporary: boolean;
}

/**
 * Validates a Finnish personal identity code (henkilötunnus) with either the old or the 2023 century signs
 * and returns its HMAC-SHA-256 digest under `hashKey`. The century sign is part of the digest: since 2023
 * `010101-123N` and `010101Y123N` may belong to two different people. Reasons never echo the number.
 *
 * @example
 * normaliseHetu('131052-308T', 'key').ok; // true
 * normaliseHetu('131052-308U', 'key'); // { ok: false, reason: 'has a wrong check character' }
 */
export function normaliseHetu(raw: string, hashKey: string): Normalised<NormalisedHetu> {
  const text = raw.trim().toUpperCase();
  if (text === '') return fail('is empty');
  const m = HETU_RE.exec(text);
  if (m === null) return fail('is not of the form DDMMYYCZZZQ (11 characters with a century sign)');
  const [, dd, mm, yy, sign, serial, check] = m as unknown as [string, string, string, string, string, string, string];
  const year = CENTURY[sign]! + Number(yy);
  const day = Number(dd);
  const month = Number(mm);
  const date = new Date(Date.UTC(year, month - 1, day));
  if (month < 1 || month > 12 || date.getUTCDate() !== day || date.getUTCMonth() !== month - 1) {
    return fail('has an impossible birth date');
  }
  const n = Number(serial);
  if (n < 2) return fail('has an individual number below 002');
  if (CHECK_CHARS[Number(`${dd}${mm}${yy}${serial}`) % 31] !== check) return fail('has a wrong check character');
  return ok({
    value: hashValue(hashKey, text),
    birthDate: `${String(year).padStart(4, '0')}-${mm}-${dd}`,
    sex: n % 2 === 0 ? 'female' : 'male',
    temporary: n >= 900,
  });
}

/**
 * HMAC-SHA-256 of a value under the configured key, as `hmac:<hex>`; used for national ids and tombstones.
 *
 * @example
 * hashValue('key', 'record:crm:main:contact:1').startsWith('hmac:'); // true
 */
export function hashValue(hashKey: string, value: string): string {
  return `hmac:${createHmac('sha256', hashKey).update(value).digest('hex')}`;
}
