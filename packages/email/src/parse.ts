import './mailparser-interop';
import { simpleParser, type AddressObject, type EmailAddress, type ParsedMail } from 'mailparser';
import { decodeTextBytes, normaliseRawHeaders, repairC1 } from './charset';
import { EmailError } from './errors';
import { mimeLeaves, type MimeLeaf } from './mime-parts';

/** A mailbox as the message wrote it; `address` is lower-cased in the domain only where the source was. */
export interface EmailAddressRef {
  address: string;
  name: string;
}

/** An attachment's metadata (contents are not kept). */
export interface AttachmentMeta {
  filename: string;
  contentType: string;
  size: number;
}

/**
 * A parsed message with what Silta needs: addresses, threading headers, text (HTML converted when there is
 * no text part), attachment metadata, the lower-cased headers for classification and the MIME leaves of
 * report parts.
 */
export interface ParsedEmail {
  from: EmailAddressRef | null;
  replyTo: EmailAddressRef | null;
  to: EmailAddressRef[];
  subject: string;
  /** Without angle brackets, e.g. `abc@example.fi`; null when the message has none. */
  messageId: string | null;
  inReplyTo: string | null;
  references: string[];
  date: Date | null;
  text: string;
  html?: string;
  attachments: AttachmentMeta[];
  /** Lower-cased header names to their raw, unfolded values; repeated headers joined by `\n`. */
  headers: Map<string, string>;
  /** The top-level media type, e.g. `multipart/report`, and its parameters. */
  contentType: { type: string; params: Record<string, string> };
  /** Machine-readable report parts (delivery-status, disposition-notification, feedback-report, rfc822-headers). */
  reportParts: MimeLeaf[];
}

const REPORT_TYPES = new Set([
  'message/delivery-status', 'message/global-delivery-status', 'message/disposition-notification',
  'message/global-disposition-notification', 'message/feedback-report', 'text/rfc822-headers', 'message/rfc822',
  'message/global-headers',
]);

function stripAngles(id: string): string {
  return id.trim().replace(/^<+|>+$/g, '').trim();
}

/**
 * Splits a References-like header value into message ids without angle brackets, duplicates removed.
 *
 * @example
 * splitMessageIds('<a@x.fi> <b@y.fi>'); // ['a@x.fi', 'b@y.fi']
 */
export function splitMessageIds(value: string | string[] | undefined): string[] {
  if (!value) return [];
  const joined = Array.isArray(value) ? value.join(' ') : value;
  const bracketed = joined.match(/<[^<>\s]+>/g);
  const ids = bracketed ? bracketed.map(stripAngles) : joined.split(/[\s,]+/).map(stripAngles);
  return [...new Set(ids.filter((id) => id.length > 0))];
}

function firstAddress(value: AddressObject | AddressObject[] | undefined): EmailAddressRef | null {
  const objects = value === undefined ? [] : Array.isArray(value) ? value : [value];
  for (const obj of objects) {
    const found = flatten(obj.value)[0];
    if (found) return found;
  }
  return null;
}

function flatten(list: EmailAddress[]): EmailAddressRef[] {
  return list.flatMap((entry) =>
    entry.group ? flatten(entry.group) : entry.address ? [{ address: entry.address.trim(), name: repairC1(entry.name ?? '').trim() }] : [],
  );
}

function allAddresses(value: AddressObject | AddressObject[] | undefined): EmailAddressRef[] {
  const objects = value === undefined ? [] : Array.isArray(value) ? value : [value];
  return objects.flatMap((obj) => flatten(obj.value));
}

// Raw, unfolded values: mailparser reshapes some headers (List-* into one object) that classification
// needs exactly as sent.
function collectHeaders(mail: ParsedMail): Map<string, string> {
  const headers = new Map<string, string>();
  for (const { key, line } of mail.headerLines) {
    const colon = line.indexOf(':');
    const value = repairC1(line.slice(colon + 1).replace(/\r?\n[ \t]+/g, ' ').trim());
    const name = key.toLowerCase();
    const previous = headers.get(name);
    headers.set(name, previous === undefined ? value : `${previous}\n${value}`);
  }
  return headers;
}

// mailparser decodes 8-bit text without a charset, or with a wrong "utf-8"/"us-ascii", as UTF-8 and
// leaves U+FFFD; the text/plain parts are decoded again from their bytes.
function redecodeText(leaves: MimeLeaf[]): string | undefined {
  const parts = leaves.filter((leaf) => leaf.contentType === 'text/plain' && !/^attachment/i.test(leaf.headers.get('content-disposition') ?? ''));
  if (parts.length === 0) return undefined;
  return parts.map((leaf) => decodeTextBytes(leaf.body, leaf.params.charset)).join('\n').replace(/\r\n/g, '\n');
}

/**
 * Parses a raw RFC 5322 message. Charsets are decoded (UTF-8, ISO-8859-1/15, Windows-1252, with
 * Windows-1252 bytes in Latin-1 text repaired), transfer encodings undone, HTML-only mail converted to text,
 * and raw 8-bit header bytes read as UTF-8 or, failing that, Windows-1252.
 *
 * @example
 * const mail = await parseMessage(await readFile('message.eml'));
 * mail.subject; mail.from?.address; mail.references;
 */
export async function parseMessage(source: Buffer): Promise<ParsedEmail> {
  if (!Buffer.isBuffer(source)) throw new EmailError('EMAIL_PARSE_FAILED', 'parseMessage: source must be a Buffer');
  const normalised = normaliseRawHeaders(source);
  let mail: ParsedMail;
  try {
    mail = await simpleParser(normalised, { skipImageLinks: true, skipTextToHtml: true, keepCidLinks: false });
  } catch (error) {
    throw new EmailError('EMAIL_PARSE_FAILED', `could not parse the message: ${(error as Error).message}`, { cause: error });
  }
  const headers = collectHeaders(mail);
  const leaves = mimeLeaves(normalised);
  const contentTypeHeader = mail.headers.get('content-type') as { value?: string; params?: Record<string, string> } | undefined;
  const html = typeof mail.html === 'string' ? repairC1(mail.html) : undefined;
  let text = repairC1(mail.text ?? '').replace(/\r\n/g, '\n');
  if (text.includes('\uFFFD')) text = redecodeText(leaves) ?? text;
  return {
    from: firstAddress(mail.from),
    replyTo: firstAddress(mail.replyTo),
    to: allAddresses(mail.to),
    subject: repairC1(mail.subject ?? '').replace(/\s+/g, ' ').trim(),
    messageId: mail.messageId ? stripAngles(mail.messageId) || null : null,
    inReplyTo: splitMessageIds(mail.inReplyTo)[0] ?? null,
    references: splitMessageIds(mail.references),
    date: mail.date && !Number.isNaN(mail.date.getTime()) ? mail.date : null,
    text,
    ...(html !== undefined ? { html } : {}),
    attachments: mail.attachments
      .filter((a) => !REPORT_TYPES.has(a.contentType.toLowerCase()) || a.contentDisposition === 'attachment')
      .map((a) => ({
        filename: repairC1(a.filename ?? ''),
        contentType: a.contentType.toLowerCase(),
        size: a.size ?? a.content.length,
      })),
    headers,
    contentType: {
      type: (contentTypeHeader?.value ?? 'text/plain').toLowerCase(),
      params: Object.fromEntries(Object.entries(contentTypeHeader?.params ?? {}).map(([k, v]) => [k.toLowerCase(), v])),
    },
    reportParts: leaves.filter((leaf) => REPORT_TYPES.has(leaf.contentType)),
  };
}
