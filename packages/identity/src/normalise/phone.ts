import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { fail, ok, type Normalised } from '../errors';

/** A phone number in E.164 with the type libphonenumber assigns (`MOBILE`, `FIXED_LINE`, …) in lower case. */
export interface NormalisedPhone {
  value: string;
  type: string;
}

/**
 * Normalises a phone number to E.164 with libphonenumber-js (default region FI) and keeps its type.
 *
 * @example
 * normalisePhone('040 123 4567'); // { ok: true, value: { value: '+358401234567', type: 'mobile' } }
 * normalisePhone('12'); // { ok: false, reason: 'is not a valid phone number for FI' }
 */
export function normalisePhone(raw: string, defaultRegion: CountryCode = 'FI'): Normalised<NormalisedPhone> {
  const text = raw.trim();
  if (text === '') return fail('is empty');
  if (!/\d/.test(text)) return fail('has no digits');
  // "00" is the international prefix in Finland and most of Europe.
  const prepared = text.replace(/^00(?=[1-9])/, '+');
  let parsed;
  try {
    parsed = parsePhoneNumberFromString(prepared, defaultRegion);
  } catch {
    parsed = undefined;
  }
  if (parsed === undefined) return fail(`is not a phone number`);
  // With the full metadata a number is valid exactly when it has a type, so the type is looked up once;
  // isValid() only decides for a region whose metadata lists no types.
  const type = parsed.getType();
  if (type === undefined && !parsed.isValid()) return fail(`is not a valid phone number for ${parsed.country ?? defaultRegion}`);
  return ok({ value: parsed.number, type: type === undefined ? 'unknown' : type.toLowerCase() });
}
