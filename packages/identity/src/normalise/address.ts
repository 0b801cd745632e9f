import { fail, ok, type Normalised } from '../errors';
import { foldName } from './name';

/** An address in a comparable form: folded street name, house number, postcode, city. */
export interface NormalisedAddress {
  street?: string;
  number?: string;
  postcode?: string;
  city?: string;
  /** `postcode|street|number`, empty parts left empty. */
  key: string;
}

const ABBREVIATIONS: ReadonlyArray<[RegExp, string]> = [
  [/\bk\.?$/u, 'katu'],
  [/\bt\.?$/u, 'tie'],
  [/\bst\.?$/u, 'street'],
  [/\brd\.?$/u, 'road'],
  [/\bave?\.?$/u, 'avenue'],
  [/\bpl\.?$/u, 'place'],
];
/** Any of the endings above: most streets have none, and one test is cheaper than six replaces. */
const ANY_ABBREVIATION = /\b(?:k|t|st|rd|ave?|pl)\.?$/u;

/**
 * Normalises an address: the street folded (Mannerheimint. → mannerheimintie is not guessed, but `k.`/`t.`
 * endings are expanded), the house number split off the street when written together, the postcode digits only.
 *
 * @example
 * normaliseAddress({ street: 'Hämeenkatu 12 B 4', postcode: '33100', city: 'TAMPERE' }).value?.key;
 * // '33100|hameenkatu|12 b 4'
 */
export function normaliseAddress(address: {
  street?: string; streetNumber?: string; postcode?: string; city?: string;
}): Normalised<NormalisedAddress> {
  let street = address.street === undefined ? '' : foldName(address.street).folded;
  let number = address.streetNumber === undefined ? '' : foldName(address.streetNumber).folded;
  if (number === '' && street !== '') {
    const m = /^(.*?\D)\s*(\d+.*)$/u.exec(street);
    if (m !== null) {
      street = m[1]!.trim();
      number = m[2]!.trim();
    }
  }
  if (ANY_ABBREVIATION.test(street)) for (const [re, full] of ABBREVIATIONS) street = street.replace(re, full);
  street = street.replace(/\s+/g, '');
  const postcodeRaw = address.postcode?.trim() ?? '';
  const postcode = postcodeRaw.replace(/\s+/g, '');
  if (postcode !== '' && !/^[0-9A-Z-]{3,10}$/i.test(postcode)) return { ok: false, reason: 'has an invalid postcode' };
  const city = address.city === undefined ? '' : foldName(address.city).folded;
  if (street === '' && number === '' && postcode === '' && city === '') return fail('is empty');
  const upper = postcode.toUpperCase();
  // Set field by field, in this order: no spread of small objects per address.
  const value = {} as NormalisedAddress;
  if (street !== '') value.street = street;
  if (number !== '') value.number = number;
  if (upper !== '') value.postcode = upper;
  if (city !== '') value.city = city;
  value.key = `${upper}|${street}|${number}`;
  return ok(value);
}
