import { describe, expect, it } from 'vitest';
import { PartyRecordSchema } from '@silta/model';
import { parseJsonLossless } from '@silta/kit';
import { ContactSchema } from '../schemas';
import { HAVE_FIXTURES, fixtureText } from '../../test/freshdesk-fixtures';
import { contactToParty, requesterToParty } from './to-party';
import { CONNECTION, finnishContact } from '../../test/finnish-payloads';

const ctx = { connection: CONNECTION };

describe('contactToParty', () => {
  const party = contactToParty(ContactSchema.parse(finnishContact), ctx);

  it('produces a valid PartyRecord filed under the contact, keeping an id beyond 2^53 exact', () => {
    expect(PartyRecordSchema.parse(party)).toBeTruthy();
    expect(party.ref).toEqual({ system: 'freshdesk', connection: CONNECTION, type: 'contact', id: '9007199254740993' });
    expect(party.name).toEqual({ full: 'Åsa Äijälä-Öystilä' });
  });

  it('reads every documented identifier field, normalised with the raw value beside it', () => {
    const byLabel = Object.fromEntries(party.identifiers.map((i) => [i.label, i]));
    expect(byLabel.primary).toMatchObject({ kind: 'email', value: 'äijälä.öystilä@esimerkki.fi', raw: '  Äijälä.Öystilä@Esimerkki.FI ' });
    expect(byLabel.mobile).toMatchObject({ kind: 'phone', value: '+358401234567', raw: '+358 40 123 4567' });
    expect(byLabel.phone).toMatchObject({ kind: 'phone', value: '09876543', raw: '(09) 876 543' });
    expect(byLabel.twitter).toMatchObject({ kind: 'social', value: 'twitter:@asaoystila', raw: '@AsaOystila' });
    expect(byLabel.facebook).toMatchObject({ kind: 'social', value: 'facebook:@100004567' });
    expect(byLabel.unique_external_id).toMatchObject({ kind: 'external_id', value: 'ASIAKAS-00042' });
    expect(party.identifiers.every((i) => i.source.id === '9007199254740993')).toBe(true);
  });

  it('keeps other emails but not a second copy of the primary one', () => {
    const emails = party.identifiers.filter((i) => i.kind === 'email').map((i) => i.value);
    expect(emails).toEqual(['äijälä.öystilä@esimerkki.fi', 'asa@kotiposti.fi']);
  });

  it('carries language, address, company and the raw payload', () => {
    expect(party.language).toBe('fi');
    expect(party.addresses).toEqual([{ raw: 'Hämeenkatu 12 A 3, 33100 Tampere' }]);
    expect(party.organisationRef?.id).toBe('7');
    expect((party.raw as { custom_fields: unknown }).custom_fields).toEqual({ asiakasnumero: 'A-42' });
  });

  it('reads phone numbers Freshdesk sent as JSON numbers', () => {
    const p = contactToParty(ContactSchema.parse({ ...finnishContact, phone: 358401234567, mobile: null, other_emails: [] }), ctx);
    expect(p.identifiers.filter((i) => i.kind === 'phone')).toEqual([
      expect.objectContaining({ value: '358401234567', raw: '358401234567', label: 'phone' }),
    ]);
  });

  it.skipIf(!HAVE_FIXTURES)('maps the documented View a Contact sample (needs ../shared/fixtures)', () => {
    const contact = ContactSchema.parse(parseJsonLossless(fixtureText('docs-samples', 'view_contact_434.json')));
    const p = PartyRecordSchema.parse(contactToParty(contact, ctx));
    expect(p.identifiers).toEqual([expect.objectContaining({ kind: 'email', value: 'greenlantern@freshdesk.com' })]);
    expect(p.organisationRef?.id).toBe('23');
  });
});

describe('requesterToParty', () => {
  it('maps the include=requester block with the ticket time', () => {
    const p = requesterToParty({ id: 5, name: 'Matti Meikäläinen', email: 'MATTI@example.fi', mobile: 401234567, phone: null }, '2026-11-20T09:00:00Z', ctx);
    expect(PartyRecordSchema.parse(p).identifiers.map((i) => i.value)).toEqual(['matti@example.fi', '401234567']);
    expect(p.updatedAt).toBe('2026-11-20T09:00:00Z');
  });
});
