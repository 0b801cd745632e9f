/** Small canonical records for the store tests. */
import type { Case, Interaction, PartyRecord, SourceRef } from '@silta/model';

export const ref = (type: string, id: string, system = 'freshdesk', connection = 'acme'): SourceRef => ({ system, connection, type, id });

export function ticket(id: string, updatedAt: string, extra: Partial<Case> = {}): Case {
  return {
    entity: 'case', ref: ref('ticket', id), status: 'open', priority: 'medium', channel: 'email',
    subject: `Lasku ${id}`, tags: ['lasku'], createdAt: '2026-11-01T08:00:00Z', updatedAt, reopenCount: 0,
    raw: { id: Number(id) || id, subject: `Lasku ${id}`, custom_fields: { cf_a: 1, cf_b: 'x' } },
    ...extra,
  };
}

export function contact(id: string, updatedAt: string, email = `p${id}@yritys.fi`): PartyRecord {
  return {
    entity: 'party', ref: ref('contact', id), name: { full: `Äijä Öhman ${id}` },
    identifiers: [{ kind: 'email', value: email, raw: email, source: ref('contact', id) }],
    addresses: [], consents: [], updatedAt,
  };
}

export function note(id: string, at: string, partyId: string, caseId?: string): Interaction {
  return {
    entity: 'interaction', ref: ref('conversation', id), partyRef: ref('contact', partyId),
    ...(caseId ? { caseRef: ref('ticket', caseId) } : {}),
    channel: 'email', direction: 'inbound', at, text: 'Hei!', automated: false,
  };
}
