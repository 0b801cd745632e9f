import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Case, Interaction, Order, PartyRecord, SourceRef } from '@silta/model';
import { openSqliteStore as openStore } from '../src/store/sqlite';
import type { SiltaStore } from '../src/store/types';
import { buildTimeline } from '../src/timeline/build';
import { TimelineError } from '../src/timeline/errors';
import { formatTimeline } from '../src/timeline/format';
import { parsePersonQuery } from '../src/timeline/lookup';
import { createMemoryIdentityStore, createResolver } from '@silta/identity';

const ref = (system: string, type: string, id: string): SourceRef => ({ system, connection: 'yritys-oy', type, id });
const party = (r: SourceRef, identifiers: PartyRecord['identifiers']): PartyRecord => ({
  entity: 'party', ref: r, name: { full: 'Liisa Virtanen' }, identifiers, addresses: [], consents: [], updatedAt: '2026-10-01T00:00:00Z',
});
const fdContact = party(ref('freshdesk', 'contact', '1'), [
  { kind: 'email', value: 'liisa@example.fi', raw: 'Liisa@Example.fi', source: ref('freshdesk', 'contact', '1') },
  { kind: 'phone', value: '+358401234567', raw: '040 123 4567', source: ref('freshdesk', 'contact', '1') },
  { kind: 'national_id', value: 'hmac:abc', raw: '010190-123A', source: ref('freshdesk', 'contact', '1') },
]);
const shopCustomer = party(ref('webshop', 'customer', 'S-1'), [{ kind: 'email', value: 'liisa@example.fi', raw: 'liisa@example.fi', source: ref('webshop', 'customer', 'S-1') }]);
const stranger = party(ref('freshdesk', 'contact', '2'), [{ kind: 'email', value: 'someone@example.fi', raw: 'someone@example.fi', source: ref('freshdesk', 'contact', '2') }]);
const msg = (r: SourceRef, partyRef: SourceRef, at: string, channel: Interaction['channel'], text: string): Interaction => ({
  entity: 'interaction', ref: r, partyRef, channel, direction: 'inbound', at, text, automated: false,
});
const records = [
  fdContact, shopCustomer, stranger,
  msg(ref('freshdesk', 'conversation', 'a'), fdContact.ref, '2026-10-02T08:00:00Z', 'email', 'Missä tilaukseni on?'),
  msg(ref('chat', 'message', 'b'), shopCustomer.ref, '2026-10-05T12:30:00Z', 'chat', 'Soitin eilen, kukaan ei vastannut'),
  msg(ref('freshdesk', 'conversation', 'c'), fdContact.ref, '2026-10-04T09:00:00Z', 'phone', 'Takaisinsoittopyyntö'),
  msg(ref('freshdesk', 'conversation', 'z'), stranger.ref, '2026-10-06T09:00:00Z', 'email', 'Not Liisa'),
  { entity: 'case', ref: ref('freshdesk', 'ticket', '10'), partyRef: fdContact.ref, status: 'open', priority: 'medium', channel: 'email', subject: 'Tilaus myöhässä', tags: [], createdAt: '2026-10-02T07:59:00Z', updatedAt: '2026-10-04T09:00:00Z', reopenCount: 0 } satisfies Case,
  { entity: 'order', ref: ref('webshop', 'order', '1001'), partyRef: shopCustomer.ref, number: '1001', status: 'paid', placedAt: '2026-09-30T18:00:00Z', total: { amount: '49.90', currency: 'EUR' }, lines: [], updatedAt: '2026-09-30T18:00:00Z' } satisfies Order,
];
let dir: string;
let store: SiltaStore;
const identity = createMemoryIdentityStore();
let liisaId: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'silta-timeline-'));
  store = await openStore(join(dir, 'silta.db'));
  await store.upsertBatch({ streamKey: 'seed', records, source: 'poll' });
  const resolver = createResolver({ store: identity, hashKey: 'test-hash-key' });
  for (const p of [fdContact, shopCustomer, stranger]) await resolver.add(p);
  liisaId = (await resolver.personOf('freshdesk:yritys-oy:contact:1'))!;
  expect(await resolver.personOf('webshop:yritys-oy:customer:S-1')).toBe(liisaId);
});
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('buildTimeline', () => {
  it('lists one person\u2019s history across systems newest first, through the identity graph', async () => {
    const t = await buildTimeline(store, { email: 'LIISA@example.fi' }, { identity });
    expect(t.person.id).toBe(liisaId);
    expect(t.entries.map((e) => `${e.at.slice(0, 10)} ${e.system} ${e.kind}`)).toEqual([
      '2026-10-05 chat interaction',
      '2026-10-04 freshdesk interaction',
      '2026-10-02 freshdesk interaction',
      '2026-10-02 freshdesk case',
      '2026-09-30 webshop order',
    ]);
    expect(t.entries.some((e) => e.snippet === 'Not Liisa')).toBe(false);
    expect(t.person.identifiers.map((i) => i.kind)).toEqual(['email', 'phone']); // no national id
  });

  it('finds the person by a phone number typed any way, without an identity graph', async () => {
    const t = await buildTimeline(store, parsePersonQuery('+358 40 123 4567'));
    expect(t.parties).toEqual([fdContact.ref]);
    expect(t.entries[0]?.channel).toBe('phone');
    expect(t.entries).toHaveLength(3); // only the Freshdesk contact's own records: no graph links the webshop
    expect((await buildTimeline(store, parsePersonQuery('040-123 4567'))).entries).toHaveLength(3);
  });

  it('finds the person by id, honours the limit and says when it cut', async () => {
    const t = await buildTimeline(store, { personId: liisaId }, { identity, limit: 2 });
    expect(t.entries).toHaveLength(2);
    expect(t.truncated).toBe(true);
    const bySourceRef = await buildTimeline(store, { personId: 'freshdesk:yritys-oy:contact:2' });
    expect(bySourceRef.entries.map((e) => e.snippet)).toEqual(['Not Liisa']);
  });

  it('throws TIMELINE_PERSON_NOT_FOUND for someone unknown and TIMELINE_INVALID_QUERY for a bad email', async () => {
    await expect(buildTimeline(store, { email: 'nobody@example.fi' })).rejects.toMatchObject({ code: 'TIMELINE_PERSON_NOT_FOUND' });
    await expect(buildTimeline(store, { email: 'not-an-email@' })).rejects.toBeInstanceOf(TimelineError);
  });

  it('prints a readable terminal table', async () => {
    const text = formatTimeline(await buildTimeline(store, { email: 'liisa@example.fi' }, { identity }), { width: 100 });
    const lines = text.split('\n');
    expect(lines[0]).toBe(`Liisa Virtanen  ${liisaId}`);
    expect(text).toContain('2026-10-05 12:30  chat    inbound  chat       Soitin eilen, kukaan ei vastannut');
    expect(text).toContain('2026-09-30 18:00  webshop inbound  webshop    Order 1001 — paid, 49.90 EUR');
  });
});
