import { normaliseEmail, normalisePhone } from '@silta/identity';
import type { PartyRecord } from '@silta/model';
import type { SiltaStore } from '../store/types';
import { TimelineError } from './errors';

/** How to name the person whose timeline you want. */
export type PersonLookup = { email: string } | { phone: string } | { personId: string };

/** A lookup with its value normalised the way identifiers are stored. */
export type NormalisedLookup = { kind: 'email' | 'phone' | 'personId'; value: string };

/**
 * Reads what a user typed after `silta timeline`: an email (has `@`), a phone number (digits, spaces, `+`,
 * dashes, parentheses) or else a person id.
 *
 * @example
 * parsePersonQuery('040 123 4567'); // { phone: '040 123 4567' }
 */
export function parsePersonQuery(text: string): PersonLookup {
  const t = text.trim();
  if (t.includes('@')) return { email: t };
  if (/^\+?[\d\s().-]{5,}$/.test(t)) return { phone: t };
  return { personId: t };
}

/** Normalises the email or phone of a lookup the way `@silta/identity` stores identifiers (E.164, Finland by default). */
export function normaliseLookup(query: PersonLookup): NormalisedLookup {
  if ('email' in query) {
    const email = normaliseEmail(query.email);
    if (!email.ok) throw new TimelineError('TIMELINE_INVALID_QUERY', `email "${query.email}" ${email.reason}`);
    return { kind: 'email', value: email.value.value };
  }
  if ('phone' in query) {
    const phone = normalisePhone(query.phone);
    if (!phone.ok) throw new TimelineError('TIMELINE_INVALID_QUERY', `phone "${query.phone}" ${phone.reason}`);
    return { kind: 'phone', value: phone.value.value };
  }
  const value = query.personId.trim();
  if (!value) throw new TimelineError('TIMELINE_INVALID_QUERY', 'person id must not be empty');
  return { kind: 'personId', value };
}

/**
 * Party records holding an identifier, found by reading party records page by page: the fallback when no
 * identity graph is available to look the value up directly.
 */
export async function findPartiesByIdentifier(store: Pick<SiltaStore, 'listRecords'>, kind: 'email' | 'phone', value: string): Promise<PartyRecord[]> {
  const found: PartyRecord[] = [];
  const page = 5_000;
  for (let offset = 0; ; offset += page) {
    const rows = await store.listRecords({ entity: 'party', order: 'key', limit: page, offset });
    for (const row of rows) {
      const party = row.record;
      if (party.entity !== 'party') continue;
      if (party.identifiers.some((id) => id.kind === kind && sameValue(kind, id.value, value))) found.push(party);
    }
    if (rows.length < page) break;
  }
  return found;
}

function sameValue(kind: 'email' | 'phone', stored: string, wanted: string): boolean {
  if (stored === wanted) return true;
  // Connectors store normalised values, but a record written before a normaliser change may not be.
  const again = kind === 'email' ? normaliseEmail(stored) : normalisePhone(stored);
  return again.ok && again.value.value === wanted;
}
