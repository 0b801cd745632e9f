/**
 * A small MIME walker for the machine-readable parts of reports (message/delivery-status,
 * message/disposition-notification, message/feedback-report, text/rfc822-headers). mailparser folds those
 * into the text body; classification needs their fields, decoded from base64 or quoted-printable.
 */
import { headerBlockEnd } from './charset';

/** One leaf part: its media type (lower case), parameters, headers and decoded body. */
export interface MimeLeaf {
  contentType: string;
  params: Record<string, string>;
  headers: Map<string, string>;
  body: Buffer;
}

const MAX_DEPTH = 6;

/** Unfolds and splits a header block into lower-cased names and raw values (first occurrence wins). */
export function parseHeaderBlock(text: string): Map<string, string> {
  const headers = new Map<string, string>();
  const unfolded = text.replace(/\r?\n[ \t]+/g, ' ');
  for (const line of unfolded.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!headers.has(name)) headers.set(name, line.slice(colon + 1).trim());
  }
  return headers;
}

/** Splits `type/subtype; a=b; c="d"` into the lower-cased type and its parameters. */
export function parseContentType(value: string | undefined): { type: string; params: Record<string, string> } {
  if (!value) return { type: 'text/plain', params: {} };
  const [type = 'text/plain', ...rest] = value.split(';');
  const params: Record<string, string> = {};
  for (const piece of rest) {
    const eq = piece.indexOf('=');
    if (eq < 0) continue;
    params[piece.slice(0, eq).trim().toLowerCase()] = piece.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1');
  }
  return { type: type.trim().toLowerCase(), params };
}

function decodeBody(body: Buffer, encoding: string | undefined): Buffer {
  const enc = (encoding ?? '').trim().toLowerCase();
  if (enc === 'base64') return Buffer.from(body.toString('latin1').replace(/[^A-Za-z0-9+/=]/g, ''), 'base64');
  if (enc === 'quoted-printable') {
    const text = body.toString('latin1').replace(/=\r?\n/g, '');
    return Buffer.from(text.replace(/=([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1');
  }
  return body;
}

function splitMultipart(body: Buffer, boundary: string): Buffer[] {
  const text = body.toString('latin1');
  const delimiter = `--${boundary}`;
  const parts: Buffer[] = [];
  const lines = text.split(/\r?\n/);
  let current: string[] | undefined;
  for (const line of lines) {
    if (line.trimEnd() === delimiter || line.trimEnd() === `${delimiter}--`) {
      if (current) parts.push(Buffer.from(current.join('\r\n'), 'latin1'));
      if (line.trimEnd() !== delimiter) { current = undefined; break; }
      current = [];
    } else if (current) current.push(line);
  }
  if (current && current.length > 0) parts.push(Buffer.from(current.join('\r\n'), 'latin1'));
  return parts;
}

/**
 * Walks a message's MIME tree and returns its leaf parts, decoded. message/rfc822 parts are leaves (the
 * returned original is not walked into).
 *
 * @example
 * const dsn = mimeLeaves(source).find((p) => p.contentType === 'message/delivery-status');
 */
export function mimeLeaves(source: Buffer, depth = 0): MimeLeaf[] {
  const end = headerBlockEnd(source);
  const headers = parseHeaderBlock(source.subarray(0, end).toString('latin1'));
  let bodyStart = end;
  while (bodyStart < source.length && (source[bodyStart] === 0x0d || source[bodyStart] === 0x0a)) {
    bodyStart++;
    if (source[bodyStart - 1] === 0x0a) break;
  }
  const body = source.subarray(bodyStart);
  const { type, params } = parseContentType(headers.get('content-type'));
  if (type.startsWith('multipart/') && params.boundary && depth < MAX_DEPTH) {
    return splitMultipart(body, params.boundary).flatMap((part) => mimeLeaves(part, depth + 1));
  }
  return [{ contentType: type, params, headers, body: decodeBody(body, headers.get('content-transfer-encoding')) }];
}

/** The field groups of a delivery-status or similar report: the per-message group and one per recipient. */
export function parseReportFields(text: string): Array<Map<string, string>> {
  return text
    .replace(/\r\n/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((group) => parseHeaderBlock(group))
    .filter((group) => group.size > 0);
}
