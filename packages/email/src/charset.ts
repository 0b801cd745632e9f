/**
 * Charset repairs mailparser does not make: raw 8-bit bytes in the header block (decoded there as UTF-8, so
 * Latin-1 names became U+FFFD) and C1 control characters left by text that was Windows-1252 but declared
 * ISO-8859-1. Browsers and the WHATWG Encoding standard treat the two labels alike for the same reason.
 */

const utf8Strict = new TextDecoder('utf-8', { fatal: true });

/** Where the header block ends: the index of the blank line's first byte, or the whole buffer. */
export function headerBlockEnd(source: Buffer): number {
  for (let i = 0; i < source.length - 1; i++) {
    if (source[i] !== 0x0a) continue;
    if (source[i + 1] === 0x0a) return i + 1;
    if (source[i + 1] === 0x0d && source[i + 2] === 0x0a) return i + 1;
  }
  return source.length;
}

function hasHighBytes(buf: Buffer): boolean {
  for (const byte of buf) if (byte >= 0x80) return true;
  return false;
}

/**
 * Re-encodes a header block that holds raw 8-bit bytes as UTF-8, which is how mailparser reads raw header
 * bytes. Valid UTF-8 is left as it is (SMTPUTF8 mail); anything else is read as Windows-1252, the
 * superset of Latin-1 that real clients write.
 *
 * @example
 * normaliseRawHeaders(Buffer.from('Subject: P\xe4iv\xe4\r\n\r\nx', 'latin1')).toString(); // 'Subject: Päivä\r\n\r\nx'
 */
export function normaliseRawHeaders(source: Buffer): Buffer {
  const end = headerBlockEnd(source);
  const head = source.subarray(0, end);
  if (!hasHighBytes(head)) return source;
  try {
    utf8Strict.decode(head);
    return source;
  } catch {
    const text = repairC1(head.toString('latin1'));
    return Buffer.concat([Buffer.from(text, 'utf8'), source.subarray(end)]);
  }
}

// Bytes 0x80..0x9F in Windows-1252; the five it leaves undefined keep their C1 meaning. Spelled out because
// Node 20's TextDecoder('windows-1252') decodes this range as Latin-1.
const C1_AS_1252 = [
  '\u20ac', '\u0081', '\u201a', '\u0192', '\u201e', '\u2026', '\u2020', '\u2021', '\u02c6', '\u2030', '\u0160', '\u2039', '\u0152', '\u008d', '\u017d', '\u008f',
  '\u0090', '\u2018', '\u2019', '\u201c', '\u201d', '\u2022', '\u2013', '\u2014', '\u02dc', '\u2122', '\u0161', '\u203a', '\u0153', '\u009d', '\u017e', '\u0178',
];

/**
 * Replaces C1 control characters (U+0080–U+009F) by the Windows-1252 characters their bytes stand for:
 * text declared ISO-8859-1 whose sender really wrote Windows-1252 (€, curly quotes, dashes).
 *
 * @example
 * repairC1('10 \u0080 \u0093lainaus\u0094'); // '10 € “lainaus”'
 */
export function repairC1(text: string): string {
  return text.replace(/[\u0080-\u009f]/g, (ch) => C1_AS_1252[ch.charCodeAt(0) - 0x80] ?? ch);
}

/**
 * Decodes a text part's bytes when the declared charset is missing or wrong: the declared single-byte
 * charset when there is one, else UTF-8 when the bytes are valid UTF-8, else Windows-1252.
 *
 * @example
 * decodeTextBytes(Buffer.from([0x48, 0xe4, 0x80]), 'utf-8'); // 'Hä€' (not valid UTF-8, so Windows-1252)
 */
export function decodeTextBytes(bytes: Buffer, declared: string | undefined): string {
  const label = (declared ?? '').trim().toLowerCase();
  if (label && !['utf-8', 'utf8', 'us-ascii', 'ascii'].includes(label)) {
    try {
      return repairC1(new TextDecoder(label).decode(bytes));
    } catch {
      // An unknown label: fall through to the guess below.
    }
  }
  try {
    return utf8Strict.decode(bytes);
  } catch {
    return repairC1(bytes.toString('latin1'));
  }
}
