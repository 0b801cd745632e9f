/**
 * `@silta/identity`'s storage interface on the store's database: the contract on both backends, and the
 * resolver giving the same persons on the SQL store as on its own in-memory store.
 */
import { createMemoryIdentityStore, createResolver, type IdentityStore, type StoredRecord } from '@silta/identity';
import type { PartyRecord } from '@silta/model';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SiltaStore } from '../src/store/index';
import { storeBackends, type Backend } from './store-backends';

const backends = await storeBackends();

function rec(key: string, personId: string, extra: Partial<StoredRecord> = {}): StoredRecord {
  const [system, connection, type, id] = key.split(':') as [string, string, string, string];
  return {
    key, ref: { system, connection, type, id }, personId,
    identifiers: [{ kind: 'email', value: `${id}@example.fi` }], blockingKeys: ['n:virtanen'],
    features: { given: 'Matti', nested: { ä: 'ö' } }, updatedAt: '2026-11-01T10:00:00Z', ...extra,
  };
}

function person(system: string, id: string, given: string, family: string, email?: string, phone?: string): PartyRecord {
  const ref = { system, connection: 'main', type: 'contact', id };
  const identifiers: PartyRecord['identifiers'] = [];
  if (email) identifiers.push({ kind: 'email', value: email, raw: email, source: ref });
  if (phone) identifiers.push({ kind: 'phone', value: phone, raw: phone, source: ref });
  return { entity: 'party', ref, name: { given, family }, identifiers, addresses: [], consents: [], updatedAt: '2026-11-01T10:00:00Z' };
}

describe.each(backends)('identity store conformance: %s', (_name, makeBackend) => {
  let backend: Backend;
  let store: SiltaStore;
  let ids: IdentityStore;

  beforeEach(async () => {
    backend = makeBackend();
    store = await backend.open();
    ids = store.identity;
  });
  afterEach(async () => {
    await backend.cleanup();
  });

  it('stores records and finds them by identifier, blocking key and person, with stale index entries gone', async () => {
    await ids.putRecords([rec('crm:main:contact:1', 'p1'), rec('crm:main:contact:2', 'p1', { identifiers: [{ kind: 'phone', value: '+358401234567', label: 'mobile' }] })]);
    expect(await ids.getRecord('crm:main:contact:1')).toEqual(rec('crm:main:contact:1', 'p1'));
    expect((await ids.getRecords(['crm:main:contact:2', 'nope', 'crm:main:contact:1'])).map((r) => r.key).sort()).toEqual(['crm:main:contact:1', 'crm:main:contact:2']);
    expect((await ids.recordsByIdentifier('phone', '+358401234567')).map((r) => r.key)).toEqual(['crm:main:contact:2']);
    // Re-putting a record replaces its index entries.
    await ids.putRecords([rec('crm:main:contact:1', 'p1', { identifiers: [{ kind: 'email', value: 'new@example.fi' }], blockingKeys: ['n:other'] })]);
    expect(await ids.recordsByIdentifier('email', '1@example.fi')).toEqual([]);
    expect((await ids.recordsByIdentifier('email', 'new@example.fi')).map((r) => r.key)).toEqual(['crm:main:contact:1']);
    expect((await ids.recordsByBlockingKey('n:virtanen', 10)).map((r) => r.key)).toEqual(['crm:main:contact:2']);
    expect((await ids.recordsOfPerson('p1')).map((r) => r.key)).toEqual(['crm:main:contact:1', 'crm:main:contact:2']);
    await ids.assignPerson(['crm:main:contact:2'], 'p2');
    expect((await ids.recordsOfPerson('p2')).map((r) => r.key)).toEqual(['crm:main:contact:2']);
    expect(await ids.getRecord('crm:main:contact:2')).toMatchObject({ personId: 'p2', identifiers: [{ kind: 'phone', label: 'mobile' }] });
    await ids.deleteRecords(['crm:main:contact:2', 'unknown']);
    expect(await ids.getRecord('crm:main:contact:2')).toBeUndefined();
    expect(await ids.recordsByIdentifier('phone', '+358401234567')).toEqual([]);
  });

  it('returns the most recently written members of a block first, at most limit', async () => {
    for (let i = 1; i <= 5; i++) await ids.putRecords([rec(`crm:main:contact:${i}`, `p${i}`)]);
    expect((await ids.recordsByBlockingKey('n:virtanen', 2)).map((r) => r.key)).toEqual(['crm:main:contact:5', 'crm:main:contact:4']);
    expect(await ids.recordsByBlockingKey('n:none', 5)).toEqual([]);
  });

  it('keeps persons, rules, tombstones, review candidates and meta', async () => {
    await ids.putPerson({ id: 'p1', createdAt: '2026-11-01T10:00:00Z' });
    expect(await ids.getPerson('p1')).toEqual({ id: 'p1', createdAt: '2026-11-01T10:00:00Z' });
    await ids.deletePerson('p1');
    expect(await ids.getPerson('p1')).toBeUndefined();

    await ids.putRules([{ id: 'r1', kind: 'never-link', a: 'record:a', b: 'record:b', reason: 'twins', createdAt: 't' }, { id: 'r2', kind: 'force-link', a: 'record:c', b: 'identifier:email:x', createdAt: 't' }]);
    expect((await ids.rulesFor(['record:b'])).map((r) => r.id)).toEqual(['r1']);
    expect(await ids.rulesFor(['identifier:email:x'])).toEqual([{ id: 'r2', kind: 'force-link', a: 'record:c', b: 'identifier:email:x', createdAt: 't' }]);
    await ids.deleteRules(['r1']);
    expect(await ids.rulesFor(['record:a', 'record:b'])).toEqual([]);

    await ids.addTombstones([{ hash: 'h1', createdAt: 't' }, { hash: 'h1', createdAt: 't' }]);
    expect(await ids.findTombstones(['h0', 'h1'])).toEqual(['h1']);

    await ids.putReviewCandidates([{ a: 'k1', b: 'k2', probability: 0.6, weight: 3, createdAt: 't' }, { a: 'k3', b: 'k4', probability: 0.9, weight: 5, createdAt: 't' }]);
    await ids.putReviewCandidates([{ a: 'k2', b: 'k1', probability: 0.7, weight: 4, createdAt: 't' }]);
    expect((await ids.listReviewCandidates(10)).map((c) => [c.probability, c.weight])).toEqual([[0.9, 5], [0.7, 4]]);
    await ids.deleteReviewCandidates(['k4']);
    expect((await ids.listReviewCandidates(10)).map((c) => c.probability)).toEqual([0.7]);

    expect(await ids.getMeta('identity.model')).toBeUndefined();
    await ids.putMeta('identity.model', '{"m":1}');
    await ids.putMeta('identity.model', '{"m":2}');
    expect(await ids.getMeta('identity.model')).toBe('{"m":2}');
  });

  it('numbers events from 1 and lists them after a sequence number', async () => {
    const stored = await ids.appendEvents([
      { type: 'person.created', personId: 'p1', recordKey: 'k1', at: 't' },
      { type: 'person.merged', survivorId: 'p1', mergedIds: ['p2'], reason: 'email', at: 't' },
    ]);
    expect(stored.map((e) => e.seq)).toEqual([1, 2]);
    await ids.appendEvents([{ type: 'person.erased', personId: 'p1', recordKeys: ['k1'], at: 't' }]);
    expect(await ids.listEvents(1, 10)).toEqual([
      { type: 'person.merged', survivorId: 'p1', mergedIds: ['p2'], reason: 'email', at: 't', seq: 2 },
      { type: 'person.erased', personId: 'p1', recordKeys: ['k1'], at: 't', seq: 3 },
    ]);
    expect(await ids.listEvents(0, 1)).toHaveLength(1);
  });

  it('commits a transaction as a whole and rolls it back on error', async () => {
    await ids.transaction(async (tx) => {
      await tx.putPerson({ id: 'p1', createdAt: 't' });
      await tx.putRecords([rec('crm:main:contact:1', 'p1')]);
    });
    await expect(ids.transaction(async (tx) => {
      await tx.putPerson({ id: 'p2', createdAt: 't' });
      await tx.assignPerson(['crm:main:contact:1'], 'p2');
      expect((await tx.getRecord('crm:main:contact:1'))?.personId).toBe('p2');
      throw new Error('resolver crashed mid-merge');
    })).rejects.toThrow('resolver crashed mid-merge');
    expect(await ids.getPerson('p2')).toBeUndefined();
    expect((await ids.getRecord('crm:main:contact:1'))?.personId).toBe('p1');
    // Other store calls made while a transaction runs wait for it and still work.
    const [, count] = await Promise.all([
      ids.transaction(async (tx) => { await tx.putPerson({ id: 'p3', createdAt: 't' }); }),
      store.countRecords(),
    ]);
    expect(count).toBe(0);
    expect(await ids.getPerson('p3')).toBeDefined();
  });

  it('gives the resolver the same persons as its in-memory store', async () => {
    const people = [
      person('crm', '1', 'Matti', 'Virtanen', 'matti.virtanen@example.fi'),
      person('shop', '9', 'Matti', 'Virtanen', 'Matti.Virtanen@EXAMPLE.fi', '040 123 4567'),
      person('billing', '3', 'Matti', 'Virtanen', undefined, '+358401234567'),
      person('crm', '2', 'Liisa', 'Korhonen', 'liisa@example.fi'),
      person('shop', '5', 'Äijä', 'Öhman', 'aija@example.fi'),
    ];
    const partition = async (identity: IdentityStore) => {
      const resolver = createResolver({ store: identity, hashKey: 'test-key' });
      const byPerson = new Map<string, string[]>();
      for (const p of people) {
        const r = await resolver.add(p);
        expect(r.personId).toBeDefined();
      }
      for (const p of people) {
        const key = `${p.ref.system}:${p.ref.connection}:${p.ref.type}:${p.ref.id}`;
        const pid = (await resolver.personOf(key))!;
        byPerson.set(pid, [...(byPerson.get(pid) ?? []), key]);
      }
      return [...byPerson.values()].map((keys) => keys.sort().join(' ')).sort();
    };
    const expected = await partition(createMemoryIdentityStore());
    expect(expected.length).toBeLessThan(people.length); // the scenario does link something
    expect(await partition(ids)).toEqual(expected);
    // And it persisted: another store on the same database sees the same graph.
    const again = await backend.reopen();
    expect((await again.identity.recordsByIdentifier('email', 'liisa@example.fi')).map((r) => r.key)).toEqual(['crm:main:contact:2']);
  });
});

// Two resolver processes on one PostgreSQL schema (two stores, two pools). SQLite serialises writers across
// processes by its file lock already (BEGIN IMMEDIATE); a PostgreSQL transaction does not see another's
// uncommitted persons, so without a lock both would create a person for the same email.
describe.each(backends.filter(([name]) => name === 'postgres'))('identity store across processes: %s', (_name, makeBackend) => {
  let backend: Backend;

  beforeEach(() => {
    backend = makeBackend();
  });
  afterEach(async () => {
    await backend.cleanup();
  });

  it('serialises resolvers of two processes, so records sharing an email added at once become one person', async () => {
    const first = await backend.open();
    const second = await backend.reopen();
    const a = createResolver({ store: first.identity, hashKey: 'test-key' });
    const b = createResolver({ store: second.identity, hashKey: 'test-key' });
    const adds = [];
    for (let i = 0; i < 6; i++) {
      const email = `asiakas${i}@yritys.fi`;
      adds.push(a.add(person('crm', `a${i}`, 'Matti', 'Virtanen', email)), b.add(person('freshdesk', `b${i}`, 'Matti', 'Virtanen', email)));
    }
    const results = await Promise.all(adds);
    for (let i = 0; i < 6; i++) expect(results[2 * i]!.personId, `email ${i}`).toBe(results[2 * i + 1]!.personId);
  });
});
