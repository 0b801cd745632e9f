/**
 * Quoted-reply trimming: the new part of a reply without the quoted history, the client's quote header or
 * the signature. Covers Gmail, Outlook and Apple Mail in Finnish, English and Swedish, `>` quotes and the
 * `-- ` signature separator.
 */

/** A reply split into the new text, its signature and the quoted history. */
export interface ReplyParts {
  reply: string;
  signature: string;
  quoted: string;
}

// "On Mon, 16 Nov 2026 at 9.12, Anssi <a@b.fi> wrote:" (Gmail, Apple), Finnish "… kirjoitti:", Swedish
// "Den … skrev …:", German "Am … schrieb …:". Gmail wraps long ones, so up to three lines are joined.
const ATTRIBUTION = [
  /^\s*>?\s*on\b.{0,300}\bwrote\s*:\s*$/i,
  /^.{0,300}\bkirjoitti\b.{0,200}:\s*$/i,
  /^.{0,300}\bskrev\b.{0,200}:\s*$/i,
  /^\s*am\b.{0,300}\bschrieb\b.{0,200}:\s*$/i,
  /^\s*le\b.{0,300}\ba écrit\s*:\s*$/i,
];
const SEPARATOR = [
  /^\s*-{2,}\s*(original message|alkuperäinen viesti|ursprungligt meddelande|ursprüngliche nachricht|message d'origine)\s*-{2,}\s*$/i,
  /^\s*-{2,}\s*(forwarded message|välitetty viesti|vidarebefordrat meddelande)\s*-{2,}\s*$/i,
  /^\s*-{2,}\s*(below this line is a copy of the message|this is a copy of the message).*$/i,
  /^\s*_{10,}\s*$/,
  /^\s*-{5,}\s*$/,
];
const HEADER_FROM = /^\s*\*?(from|lähettäjä|från|von|de|lähetetty)\*?\s*:/i;
const HEADER_NEXT = /^\s*\*?(sent|date|to|cc|subject|lähetetty|päivämäärä|vastaanottaja|kopio|aihe|skickat|datum|till|kopia|ämne|gesendet|an|betreff)\*?\s*:/i;
const MOBILE_FOOTER = /^\s*(sent from my (iphone|ipad|android|mobile|samsung|galaxy)|sent from outlook for (ios|android)|get outlook for (ios|android)|lähetetty (iphonesta|ipadista|androidista|matkapuhelimesta|mobiililaitteesta)|lähetetty .{0,30}(iphone|android|puhelimesta)|hanki outlook (ios|android)|skickat från (min )?(iphone|ipad|mobil|outlook för (ios|android))|hämta outlook för (ios|android))/i;
const SIGNATURE_SEPARATOR = /^-- ?$/;

function isAttribution(lines: string[], i: number): number {
  for (let span = 1; span <= 3 && i + span <= lines.length; span++) {
    const part = lines.slice(i, i + span);
    // A wrapped attribution has no blank line inside and starts like one ("On …", "Den …", "pe 20.11.…").
    if (span > 1 && (part.some((l) => l.trim() === '') || !/^\s*>?\s*(on|am|le|den|\S{1,4}\.? \d|\d)/i.test(part[0]!))) break;
    const joined = part.map((l) => l.trim()).join(' ');
    // Mail clients put a date or an address in the attribution; "Asiakas kirjoitti:" in prose has neither.
    if (ATTRIBUTION.some((re) => re.test(joined)) && /\d|@/.test(joined)) return span;
  }
  return 0;
}

function isOutlookHeader(lines: string[], i: number): boolean {
  const line = lines[i]!;
  if (HEADER_FROM.test(line)) {
    for (let j = i + 1; j < Math.min(lines.length, i + 5); j++) if (HEADER_NEXT.test(lines[j]!)) return true;
    return false;
  }
  // Clients that put Date/Sent first: three header lines in a row, one of them From.
  if (!HEADER_NEXT.test(line)) return false;
  const block = lines.slice(i, i + 5);
  const run = block.findIndex((l) => !(HEADER_FROM.test(l) || HEADER_NEXT.test(l)));
  const headerLines = run < 0 ? block : block.slice(0, run);
  return headerLines.length >= 3 && headerLines.some((l) => HEADER_FROM.test(l));
}

/** Where the quoted history starts (its first line index), or the line count when there is none. */
function quoteStart(lines: string[]): number {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (SEPARATOR.some((re) => re.test(line))) {
      if (/^\s*[_-]{5,}\s*$/.test(line) && !lines.slice(i + 1, i + 4).some((l) => HEADER_FROM.test(l))) continue;
      return i;
    }
    if (isAttribution(lines, i) > 0) return i;
    if (isOutlookHeader(lines, i)) return i;
  }
  return lines.length;
}

function tidy(lines: string[]): string {
  return lines.join('\n').replace(/\n{3,}/g, '\n\n').trim();
}

/**
 * Splits a plain-text reply into the new text, the signature (after `-- ` or a mobile footer) and the
 * quoted history. Interleaved `>` quotes are dropped from the new text.
 *
 * @example
 * splitReply('Kiitos!\n\n-- \nAnssi\n\nma 16.11.2026 klo 9.12 Tuki <t@y.fi> kirjoitti:\n> Hei').reply; // 'Kiitos!'
 */
export function splitReply(text: string): ReplyParts {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const start = quoteStart(lines);
  const own = lines.slice(0, start);
  const quoted = lines.slice(start);
  let sigAt = own.findIndex((l) => SIGNATURE_SEPARATOR.test(l) || MOBILE_FOOTER.test(l));
  if (sigAt < 0) sigAt = own.length;
  const body = own.slice(0, sigAt).filter((l) => !/^\s*>/.test(l));
  const signature = own.slice(sigAt).filter((l) => !SIGNATURE_SEPARATOR.test(l) && !/^\s*>/.test(l));
  const quotedLines = [...own.filter((l) => /^\s*>/.test(l)), ...quoted];
  return { reply: tidy(body), signature: tidy(signature), quoted: tidy(quotedLines) };
}

/**
 * The new part of a reply, without quoted history, the client's quote header or the signature.
 *
 * @example
 * extractReplyText('Sopii!\n\nOn Mon, 16 Nov 2026 at 9:12, Tuki <t@y.fi> wrote:\n> Käy'); // 'Sopii!'
 */
export function extractReplyText(text: string): string {
  return splitReply(text).reply;
}
