import type { Identifier, PartyRecord, SourceRef } from '@silta/model';
import type { ParsedEmail } from '../parse';
import { signaturePhones } from './phones';

/**
 * Lower-cases an address for matching; the raw form is kept beside it.
 *
 * @example
 * normaliseAddress(' Anssi.Makela@Example.FI '); // 'anssi.makela@example.fi'
 */
export function normaliseAddress(address: string): string {
  return address.trim().toLowerCase();
}

/** Where email records are filed: `email:<connection>:<type>:<id>`. */
export function emailRef(connection: string, type: string, id: string): SourceRef {
  return { system: 'email', connection, type, id };
}

/**
 * Maps a message's sender to a party record: `email` identifiers from From and Reply-To (raw value kept,
 * label `from` / `reply-to`) and `phone` identifiers from the signature (label `signature`). Keyed by the
 * normalised From address. Null when the message has no From address.
 *
 * @example
 * const party = toParty(parsed, { connection: 'yritys-oy' });
 * party?.identifiers.map((i) => i.kind); // ['email', 'phone']
 */
export function toParty(parsed: ParsedEmail, options: { connection: string; at?: string }): PartyRecord | null {
  if (!parsed.from) return null;
  const ref = emailRef(options.connection, 'address', normaliseAddress(parsed.from.address));
  const identifiers: Identifier[] = [
    { kind: 'email', value: normaliseAddress(parsed.from.address), raw: parsed.from.address, label: 'from', source: ref },
  ];
  if (parsed.replyTo && normaliseAddress(parsed.replyTo.address) !== normaliseAddress(parsed.from.address)) {
    identifiers.push({ kind: 'email', value: normaliseAddress(parsed.replyTo.address), raw: parsed.replyTo.address, label: 'reply-to', source: ref });
  }
  for (const phone of signaturePhones(parsed.text)) {
    identifiers.push({ kind: 'phone', value: phone.value, raw: phone.raw, label: 'signature', source: ref });
  }
  const name = parsed.from.name || parsed.replyTo?.name || '';
  return {
    entity: 'party',
    ref,
    name: name ? { full: name } : {},
    identifiers,
    addresses: [],
    consents: [],
    updatedAt: options.at ?? (parsed.date ?? new Date()).toISOString(),
  };
}
