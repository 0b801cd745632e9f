import { fail, ok, type Normalised } from '../errors';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2] as const;

/**
 * Validates a Finnish business id (Y-tunnus) by its check digit and returns it as `NNNNNNN-C`. Six-digit ids
 * from before 1991 get their leading zero back; `FI12345678` (the VAT form) is accepted too.
 *
 * @example
 * normaliseYTunnus('0112038-9'); // { ok: true, value: '0112038-9' }
 * normaliseYTunnus('0112038-8'); // { ok: false, reason: 'has a wrong check digit' }
 */
export function normaliseYTunnus(raw: string): Normalised<string> {
  let text = raw.trim().toUpperCase().replace(/\s+/g, '');
  if (text === '') return fail('is empty');
  if (/^FI\d{8}$/.test(text)) text = `${text.slice(2, 9)}-${text.slice(9)}`;
  const m = /^(\d{6,7})-?(\d)$/.exec(text);
  if (m === null) return fail('is not of the form 1234567-8');
  const body = m[1]!.padStart(7, '0');
  const sum = WEIGHTS.reduce((acc, w, i) => acc + w * Number(body[i]), 0);
  const rest = sum % 11;
  if (rest === 1) return fail('has a body no valid Y-tunnus can have (remainder 1)');
  const check = rest === 0 ? 0 : 11 - rest;
  if (check !== Number(m[2])) return fail('has a wrong check digit');
  return ok(`${body}-${check}`);
}
