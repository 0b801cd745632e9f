/**
 * The idempotency marker a note carries: `silta:key=<key>` as a small paragraph. Visible text rather than an
 * HTML comment, because Freshdesk sanitises note HTML and a comment may not survive; `body_text` keeps text.
 * Characters outside `[A-Za-z0-9._:-]` are escaped as `~hh` so every key maps to one marker and back.
 *
 * @example
 * markerToken('rule 7/ticket:20'); // 'silta:key=rule~207~2fticket:20'
 */
export function markerToken(key: string): string {
  return `silta:key=${key.replace(/[^A-Za-z0-9._:-]/g, (c) => `~${c.codePointAt(0)!.toString(16).padStart(2, '0')}`)}`;
}

/**
 * The HTML appended to a note body.
 *
 * @example
 * markerHtml('k1'); // '<p style="color:#999;font-size:10px">silta:key=k1</p>'
 */
export function markerHtml(key: string): string {
  return `<p style="color:#999;font-size:10px">${markerToken(key)}</p>`;
}

/**
 * True when a conversation's body or text carries the marker of `key` (and not a longer key's).
 *
 * @example
 * hasMarker({ body_text: 'Hoidettu silta:key=k1' }, 'k1'); // true
 */
export function hasMarker(conversation: { body?: unknown; body_text?: unknown }, key: string): boolean {
  const token = markerToken(key);
  const pattern = new RegExp(`${token.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![A-Za-z0-9._:~-])`);
  return [conversation.body, conversation.body_text].some((v) => typeof v === 'string' && pattern.test(v));
}
