import { describe, expect, it } from 'vitest';
import { createMemoryIdentityStore } from './memory';
import type { StoredRecord } from './types';

const rec = (key: string, personId: string, email: string, blocks: string[]): StoredRecord => ({
  key, ref: { system: 'crm', connection: 'c', type: 'contact', id: key }, personId,
  identifiers: [{ kind: 'email', value: email }], blockingKeys: blocks, features: {}, updatedAt: '2026-11-01T10:00:00Z',
});

describe('memory identity store', () => {
  it('indexes identifiers, blocking keys and persons, and forgets them on update and delete', async () => {
    const store = createMemoryIdentityStore();
    await store.putRecords([rec('a', 'p1', 'x@y.fi', ['k1', 'k2']), rec('b', 'p1', 'x@y.fi', ['k1'])]);
    expect((await store.recordsByIdentifier('email', 'x@y.fi')).map((r) => r.key).sort()).toEqual(['a', 'b']);
    expect((await store.recordsByBlockingKey('k1', 10)).map((r) => r.key)).toEqual(['b', 'a']);
    expect((await store.recordsByBlockingKey('k1', 1)).map((r) => r.key)).toEqual(['b']);
    await store.putRecords([rec('a', 'p2', 'z@y.fi', ['k3'])]);
    expect((await store.recordsByIdentifier('email', 'x@y.fi')).map((r) => r.key)).toEqual(['b']);
    expect(await store.recordsByBlockingKey('k2', 10)).toEqual([]);
    expect((await store.recordsOfPerson('p1')).map((r) => r.key)).toEqual(['b']);
    await store.assignPerson(['b'], 'p2');
    expect((await store.recordsOfPerson('p2')).map((r) => r.key).sort()).toEqual(['a', 'b']);
    await store.deleteRecords(['a']);
    expect(await store.getRecord('a')).toBeUndefined();
    expect((await store.recordsOfPerson('p2')).map((r) => r.key)).toEqual(['b']);
  });

  it('keeps the last of a key written twice in the first write to an empty store', async () => {
    const store = createMemoryIdentityStore();
    await store.putRecords([rec('a', 'p1', 'old@y.fi', ['k1']), rec('b', 'p2', 'b@y.fi', ['k1']), rec('a', 'p3', 'new@y.fi', ['k2'])]);
    expect((await store.getRecord('a'))?.personId).toBe('p3');
    expect(await store.recordsByIdentifier('email', 'old@y.fi')).toEqual([]);
    expect((await store.recordsByBlockingKey('k1', 10)).map((r) => r.key)).toEqual(['b']);
    expect(await store.recordsOfPerson('p1')).toEqual([]);
    expect((await store.recordsOfPerson('p3')).map((r) => r.key)).toEqual(['a']);
    expect((await store.getRecord('b'))?.personId).toBe('p2');
  });

  it('reads a blocking key newest first through updates, moves and keys or identifiers of one number', async () => {
    const store = createMemoryIdentityStore();
    await store.putRecords([rec('a', 'p1', 'a@y.fi', ['k1']), rec('b', 'p2', 'b@y.fi', ['k1']), rec('c', 'p3', 'c@y.fi', ['k1'])]);
    await store.putRecords([rec('a', 'p1', 'a@y.fi', ['k1'])]); // written again: now the newest
    expect((await store.recordsByBlockingKey('k1', 10)).map((r) => r.key)).toEqual(['a', 'c', 'b']);
    expect((await store.recordsByBlockingKey('k1', 2)).map((r) => r.key)).toEqual(['a', 'c']);
    await store.deleteRecords(['c']);
    await store.assignPerson(['b'], 'p1');
    expect((await store.recordsByBlockingKey('k1', 10)).map((r) => `${r.key} ${r.personId}`)).toEqual(['a p1', 'b p1']);
    // Two addresses of one index number (their hashes collide): each gives only its own holder.
    await store.putRecords([rec('f', 'p6', 'm74869@y.fi', []), rec('g', 'p7', 'm804044@y.fi', [])]);
    expect((await store.recordsByIdentifier('email', 'm74869@y.fi')).map((r) => r.key)).toEqual(['f']);
    expect((await store.recordsByIdentifier('email', 'm804044@y.fi')).map((r) => r.key)).toEqual(['g']);
    // '0' and '!' are both read as the number 0: each key still gives only its own records.
    await store.putRecords([rec('d', 'p4', 'd@y.fi', ['0']), rec('e', 'p5', 'e@y.fi', ['!'])]);
    expect((await store.recordsByBlockingKey('0', 10)).map((r) => r.key)).toEqual(['d']);
    expect((await store.recordsByBlockingKey('!', 10)).map((r) => r.key)).toEqual(['e']);
  });

  it('returns events that arrive numbered as it numbers them without copying them, and renumbers the rest', async () => {
    const store = createMemoryIdentityStore();
    const numbered = [
      { type: 'person.created' as const, personId: 'p', recordKey: 'a', at: 'now', seq: 1 },
      { type: 'record.assigned' as const, recordKey: 'b', personId: 'p', at: 'now', seq: 2 },
    ];
    const stored = await store.appendEvents(numbered);
    expect(stored[0]).toBe(numbered[0]);
    expect(stored[1]).toBe(numbered[1]);
    const wrong = { type: 'record.assigned' as const, recordKey: 'c', personId: 'p', at: 'now', seq: 7 };
    const [third] = await store.appendEvents([wrong]);
    expect(third).not.toBe(wrong);
    expect(third!.seq).toBe(3);
    expect((await store.listEvents(0, 10)).map((e) => `${e.seq} ${'recordKey' in e ? e.recordKey : ''}`)).toEqual(['1 a', '2 b', '3 c']);
  });

  it('keeps rules, tombstones, events, review candidates and meta', async () => {
    const store = createMemoryIdentityStore();
    await store.putRules([{ id: 'r1', kind: 'never-link', a: 'record:a', b: 'record:b', createdAt: 'now' }]);
    expect((await store.rulesFor(['record:b'])).map((r) => r.id)).toEqual(['r1']);
    await store.deleteRules(['r1']);
    expect(await store.rulesFor(['record:b'])).toEqual([]);
    await store.addTombstones([{ hash: 'h1', createdAt: 'now' }]);
    expect(await store.findTombstones(['h0', 'h1'])).toEqual(['h1']);
    const events = await store.appendEvents([{ type: 'person.created', personId: 'p', recordKey: 'a', at: 'now' }]);
    expect(events[0]!.seq).toBe(1);
    expect(await store.listEvents(1, 10)).toEqual([]);
    await store.appendEvents([
      { type: 'record.assigned', recordKey: 'b', personId: 'p', at: 'now' },
      { type: 'person.erased', personId: 'p', recordKeys: ['a', 'b'], at: 'later' },
    ]);
    expect(await store.listEvents(1, 1)).toEqual([{ type: 'record.assigned', recordKey: 'b', personId: 'p', at: 'now', seq: 2 }]);
    expect((await store.listEvents(0, 10)).map((e) => `${e.seq} ${e.type}`)).toEqual(['1 person.created', '2 record.assigned', '3 person.erased']);
    await store.putReviewCandidates([{ a: 'a', b: 'b', probability: 0.6, weight: 1, createdAt: 'now' }, { a: 'b', b: 'a', probability: 0.7, weight: 2, createdAt: 'now' }]);
    expect(await store.listReviewCandidates(10)).toHaveLength(1);
    await store.putMeta('m', 'v');
    expect(await store.getMeta('m')).toBe('v');
    expect(await store.transaction(async (tx) => tx.getMeta('m'))).toBe('v');
  });
});
