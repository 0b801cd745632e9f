import type { IdentifierKind, PartyRecord } from '@silta/model';

/** Options of {@link party}. */
export interface PartyInput {
  system?: string;
  id: string;
  given?: string;
  family?: string;
  full?: string;
  birthDate?: string;
  street?: string;
  postcode?: string;
  city?: string;
  ids?: Partial<Record<IdentifierKind, string | string[]>>;
}

/**
 * Builds a {@link PartyRecord} for tests, examples and benchmarks in one line.
 *
 * @example
 * party({ system: 'crm', id: '1', given: 'Matti', family: 'Virtanen', ids: { email: 'matti@example.fi' } });
 */
export function party(input: PartyInput): PartyRecord {
  const ref = { system: input.system ?? 'crm', connection: 'main', type: 'contact', id: input.id };
  const identifiers = Object.entries(input.ids ?? {}).flatMap(([kind, v]) =>
    (Array.isArray(v) ? v : [v as string]).map((raw) => ({ kind: kind as IdentifierKind, value: raw, raw, source: ref })),
  );
  const name: PartyRecord['name'] = {};
  if (input.given !== undefined) name.given = input.given;
  if (input.family !== undefined) name.family = input.family;
  if (input.full !== undefined) name.full = input.full;
  const address: PartyRecord['addresses'][number] = {};
  if (input.street !== undefined) address.street = input.street;
  if (input.postcode !== undefined) address.postcode = input.postcode;
  if (input.city !== undefined) address.city = input.city;
  return {
    entity: 'party', ref, name, identifiers,
    addresses: Object.keys(address).length > 0 ? [address] : [],
    ...(input.birthDate !== undefined ? { birthDate: input.birthDate } : {}),
    consents: [], updatedAt: '2026-11-01T10:00:00Z',
  };
}
