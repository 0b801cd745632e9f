import { findPhoneNumbersInText, type CountryCode } from 'libphonenumber-js';
import { splitReply } from '../reply';

/** A phone number found in a message: E.164 `value` and the `raw` text as the sender wrote it. */
export interface FoundPhone {
  value: string;
  raw: string;
}

const CLOSING = /^\s*(ystävällisin terveisin|terveisin|parhain terveisin|t\.|kiitos|best regards|kind regards|regards|br,?|thanks|cheers|med vänliga hälsningar|vänliga hälsningar|hälsningar|mvh|mit freundlichen grüßen)\b/i;

/**
 * The signature region of a message's own text: after `-- ` or a mobile footer, else after a closing
 * phrase ("Terveisin", "Best regards", "Med vänliga hälsningar"), else its last five non-empty lines.
 */
export function signatureBlock(text: string): string {
  const parts = splitReply(text);
  if (parts.signature) return parts.signature;
  const lines = parts.reply.split('\n');
  const closing = lines.findIndex((l) => CLOSING.test(l));
  if (closing >= 0) return lines.slice(closing).join('\n');
  return lines.filter((l) => l.trim() !== '').slice(-5).join('\n');
}

/**
 * Phone numbers in a message's signature, normalised to E.164 with `defaultCountry` for national formats.
 * Quoted history is not searched: those numbers belong to whoever wrote the quoted message.
 *
 * @example
 * signaturePhones('Kiitos!\n\nTerveisin\nAnssi\np. 040 123 4567'); // [{ value: '+358401234567', raw: '040 123 4567' }]
 */
export function signaturePhones(text: string, defaultCountry: CountryCode = 'FI'): FoundPhone[] {
  const block = signatureBlock(text);
  const found = new Map<string, FoundPhone>();
  for (const hit of findPhoneNumbersInText(block, { defaultCountry })) {
    if (!hit.number.isValid()) continue;
    const value = hit.number.number;
    if (!found.has(value)) found.set(value, { value, raw: block.slice(hit.startsAt, hit.endsAt) });
  }
  return [...found.values()];
}
