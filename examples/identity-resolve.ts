/**
 * Identity resolution end to end, in memory: four records of Matti from four systems, his wife Liisa who shares
 * the family phone, a shared info@ mailbox; then explanations, a never-link rule, an erase and a replay that the
 * tombstones stop.
 *
 *   node --conditions=@silta/source --import tsx examples/identity-resolve.ts
 */
import type { IdentifierKind, PartyRecord } from '@silta/model';
import { createResolver } from '@silta/identity';

function record(system: string, id: string, name: PartyRecord['name'], ids: Array<[IdentifierKind, string]>, extra: Partial<PartyRecord> = {}): PartyRecord {
  const ref = { system, connection: 'yritys-oy', type: 'contact', id };
  return {
    entity: 'party', ref, name, addresses: [], consents: [], updatedAt: '2026-11-01T10:00:00Z',
    identifiers: ids.map(([kind, raw]) => ({ kind, value: raw, raw, source: ref })),
    ...extra,
  };
}

// The key hashes national ids and tombstones; keep it in a secret store, never in code.
const resolver = createResolver({ hashKey: process.env.SILTA_HASH_KEY ?? 'example-only-key' });
const home = { street: 'Rantatie 5', postcode: '33100', city: 'Tampere' };

const crm = await resolver.add(record('crm', '1', { given: 'Matti', family: 'Mäkelä' }, [['email', 'Matti.Makela@Gmail.com'], ['phone', '03 123 4567']], { addresses: [home], birthDate: '1980-04-07' }));
const shop = await resolver.add(record('webshop', 'c-77', { full: 'Matti Mäkelä' }, [['email', 'mattimakela+kauppa@gmail.com']]));
const billing = await resolver.add(record('billing', 'B-9', { given: 'Matt', family: 'Makela' }, [], { addresses: [home], birthDate: '1980-07-04' }));
const chat = await resolver.add(record('chat', 'v-3', { full: 'Matti M' }, [['email', 'info@yritys.fi']]));
const liisa = await resolver.add(record('crm', '2', { given: 'Liisa', family: 'Mäkelä' }, [['phone', '+358 3 1234567']], { addresses: [home] }));

console.log('Matti in crm, webshop, billing:', crm.personId, shop.personId, billing.personId);
console.log('chat visitor with only info@ (a shared inbox, rejected):', chat.personId, chat.rejected);
console.log('Liisa shares the family phone but is her own person:', liisa.personId !== crm.personId);

const person = await resolver.explain(crm.personId!);
for (const r of person.records) console.log(`  ${r.recordKey}: ${r.summary}`);

const link = await resolver.explainLink('crm:yritys-oy:contact:1', 'billing:yritys-oy:contact:B-9');
console.log(`crm ↔ billing: p=${link.probability} (${link.decision})`);
for (const f of link.fields.filter((x) => x.level !== 'null')) console.log(`  ${f.field}: ${f.level} ${f.weight} bits`);

// An agent decides billing's "Matt" is a different person: kept as a rule, the person splits.
await resolver.neverLink('crm:yritys-oy:contact:1', 'billing:yritys-oy:contact:B-9', 'agent decision');
console.log('after never-link, billing is in', await resolver.personOf('billing:yritys-oy:contact:B-9'));

// GDPR erase: every system gets its list, and a later resync of the same records is suppressed.
const erased = await resolver.erase(crm.personId!);
console.log('erase these source records:', erased.sourceRecords.map((r) => `${r.system}/${r.id}`));
const replay = await resolver.add(record('webshop', 'c-77', { full: 'Matti Mäkelä' }, [['email', 'mattimakela+kauppa@gmail.com']]));
console.log('replay after erase:', replay.status);
console.log('events:', (await resolver.events()).map((e) => e.type).join(', '));
