import { describe, expect, it } from 'vitest';
import { formatSourceRef } from '@silta/model';
import { createResolver } from '../create-resolver';
import { createMemoryIdentityStore } from '../store/memory';
import { bulkOf } from '../store/sync';
import { generateParties } from '../testing/generator';
import { partition } from '../testing/pairwise';
import { party } from '../testing/party';
import { asyncOnlyStore } from '../testing/async-only-store';

describe('bulk batch placement', () => {
  it('finds the same persons, statuses and reviews as placing the records one by one', async () => {
    const { records } = generateParties({ records: 4000, seed: 5 });
    const list = [...records];
    const store = createMemoryIdentityStore();
    const writes: number[] = [];
    const putRecords = store.putRecords.bind(store);
    store.putRecords = async (records) => {
      writes.push(records.length);
      return putRecords(records);
    };
    // The batch writes through the store's synchronous bulk loading when it has it, as the memory store does.
    const loader = bulkOf(store)!;
    const putUnfiled = loader.putRecordsUnfiled.bind(loader);
    loader.putRecordsUnfiled = (records) => {
      writes.push(records.length);
      putUnfiled(records);
    };
    const bulk = await createResolver({ hashKey: 'k', store }).resolveBatch(list, { fitSample: 1500 });
    // The bulk path writes the whole batch in one call instead of a write per record.
    expect(writes).toEqual([list.length]);
    expect((await store.recordsOfPerson(bulk.assignments[0]!.personId!)).map((r) => r.key)).toContain(bulk.assignments[0]!.recordKey);
    const single = await createResolver({ hashKey: 'k', store: asyncOnlyStore() }).resolveBatch(list, { fitSample: 1500 });
    expect(partition(bulk.assignments)).toEqual(partition(single.assignments));
    expect(bulk.assignments.map((a) => a.status)).toEqual(single.assignments.map((a) => a.status));
    expect(bulk.reviewCount).toBe(single.reviewCount);
    expect(bulk.model.lambda).toBeCloseTo(single.model.lambda, 12);
    expect(new Set(bulk.assignments.map((a) => a.personId)).size).toBeLessThan(list.length * 0.7);
  });

  it('takes the records it wrote ahead out again when placing fails, and reads none half-placed meanwhile', async () => {
    const list = [...generateParties({ records: 3000, seed: 6 }).records];
    const store = createMemoryIdentityStore();
    const r = createResolver({ hashKey: 'k', store });
    const seen: Array<string | undefined> = [];
    const failing = r.resolveBatch(list, {
      fitSample: 1000,
      progressEvery: 500,
      onProgress: (done) => {
        void r.personOf(formatSourceRef(list[0]!.ref)).then((p) => seen.push(p));
        if (done === 1500) throw new Error('progress display failed');
      },
    });
    await expect(failing).rejects.toThrow('progress display failed');
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((p) => p === undefined)).toBe(true);
    for (const party of list.slice(0, 50)) expect(await store.getRecord(formatSourceRef(party.ref))).toBeUndefined();
    // The same batch again gives what a fresh resolver gives.
    const again = await r.resolveBatch(list, { fitSample: 1000 });
    const fresh = await createResolver({ hashKey: 'k' }).resolveBatch(list, { fitSample: 1000 });
    expect(partition(again.assignments)).toEqual(partition(fresh.assignments));
    expect((await r.personOf(again.assignments[7]!.recordKey))).toBe(again.assignments[7]!.personId);
  });

  it('leaves a graph that incremental adds, explanations, events and rules work on', async () => {
    const r = createResolver({ hashKey: 'k' });
    const result = await r.resolveBatch([
      party({ id: '1', given: 'Matti', family: 'Virtanen', birthDate: '1984-03-02', ids: { email: 'matti.virtanen@example.fi' } }),
      party({ system: 'shop', id: '2', given: 'Matti', family: 'Virtanen', birthDate: '1984-03-02', ids: { email: 'matti.virtanen@example.fi', phone: '040 123 4567' } }),
      party({ system: 'crm', id: '3', given: 'Liisa', family: 'Korhonen', postcode: '00100' }),
    ], { fit: false });
    const [a, b, c] = result.assignments;
    expect(b!.personId).toBe(a!.personId);
    expect(b!.status).toBe('linked');
    expect(c!.personId).not.toBe(a!.personId);
    expect(await r.personOf('shop:main:contact:2')).toBe(a!.personId);

    const explained = await r.explain(a!.personId!);
    expect(explained.records.map((x) => x.summary)).toContain('same email as crm:main:contact:1');
    const link = await r.explainLink('crm:main:contact:1', 'shop:main:contact:2');
    expect(link.samePerson).toBe(true);
    expect(link.sharedIdentifiers.map((x) => x.kind)).toEqual(['email']);

    const events = await r.events();
    expect(events.map((e) => e.type)).toEqual(['person.created', 'record.assigned', 'person.created']);

    const added = await r.add(party({ system: 'billing', id: '4', given: 'Matti', family: 'Virtanen', ids: { phone: '0401234567' } }));
    expect(added).toMatchObject({ status: 'linked', personId: a!.personId });

    const split = await r.neverLink('crm:main:contact:1', 'shop:main:contact:2');
    expect(split.length).toBe(2);
    expect(await r.personOf('shop:main:contact:2')).not.toBe(await r.personOf('crm:main:contact:1'));
  });

  it('does not take two identifiers whose index numbers collide for one', async () => {
    // External ids link on their own (strong): a collision taken for a match would merge two strangers.
    const result = await createResolver({ hashKey: 'k' }).resolveBatch([
      party({ id: '1', given: 'Matti', family: 'Virtanen', ids: { external_id: 'C-877501' } }),
      party({ id: '2', given: 'Liisa', family: 'Korhonen', ids: { external_id: 'C-1053890' } }),
      party({ id: '3', given: 'Liisa', family: 'Korhonen', ids: { external_id: 'C-1053890' } }),
    ], { fit: false });
    const [a, b, c] = result.assignments;
    expect(b!.personId).not.toBe(a!.personId);
    expect(c!.personId).toBe(b!.personId);
  });

  it('treats a key repeated inside the batch as an update of the record', async () => {
    const r = createResolver({ hashKey: 'k' });
    const result = await r.resolveBatch([
      party({ id: '1', given: 'Matti', family: 'Virtanen', ids: { email: 'matti@example.fi' } }),
      party({ id: '1', given: 'Matti', family: 'Virtanen', ids: { email: 'matti.v@example.fi' } }),
    ], { fit: false });
    expect(result.assignments).toHaveLength(2);
    expect((await r.explainLink('crm:main:contact:1', 'crm:main:contact:1')).sharedIdentifiers.map((x) => x.value)).toEqual(['matti.v@example.fi']);
  });
});
