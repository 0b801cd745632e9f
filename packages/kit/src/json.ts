import { isInteger, isSafeNumber, parse } from 'lossless-json';

/**
 * Parses JSON without losing integer precision. Integers beyond `Number.MAX_SAFE_INTEGER`
 * (in either direction) become their exact decimal string (`"27000000000000000123"`), so an id
 * such as Freshdesk's 64-bit ones survives; every other number, and everything else, is a plain
 * JSON value. Schemas for such fields should accept `z.union([z.number(), z.string()])` or a string.
 * Throws `SyntaxError` on invalid JSON.
 *
 * @example
 * parseJsonLossless('{"id": 27000000000000000123, "n": 1.5}'); // { id: '27000000000000000123', n: 1.5 }
 */
export function parseJsonLossless(text: string): unknown {
  return parse(text, undefined, function parseNumber(value: string): number | string {
    if (isInteger(value) && !isSafeNumber(value)) return value.replace(/^(-?)0+(?=\d)/, '$1');
    return Number(value);
  });
}
