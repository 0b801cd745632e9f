import type {
  IdentityEvent, IdentityStore, LinkRule, PersonRow, ReviewCandidate, StoredEvent, StoredRecord, Tombstone,
} from './types';
import { SYNC_ACCESS, type SyncIdentityStore } from './sync';
import { BlockIndex, keyNumber } from '../batch/block-index';

/**
 * An {@link IdentityStore} held in memory: for batch resolution, tests and the command line.
 * Returned records are the stored objects themselves; treat them as read-only.
 *
 * @example
 * const store = createMemoryIdentityStore();
 * const resolver = createResolver({ store, hashKey: 'secret' });
 */
export function createMemoryIdentityStore(): IdentityStore {
  const records = new Map<string, StoredRecord>();
  // Index values are a bare key while a value has one holder (most do) and an array after that: a
  // million records carry several million index entries, and a one-element array per entry is most of it.
  // Identifiers per kind, then value: no key string is built per identifier.
  const byIdentifier = new Map<string, Map<string, string | string[]>>();
  // Blocking keys are the most entries of all (about seven a record): they go in typed arrays by number
  // (keyNumber), each entry naming a slot, and a slot holds one version of one record. A record written again
  // or deleted leaves its slot empty, so its old entries are skipped when read; so is a record whose keys do
  // not include the key read (two keys of one number).
  const byBlock = new BlockIndex(1 << 16);
  const slots: Array<StoredRecord | undefined> = [];
  const slotOf = new Map<string, number>();
  // A person with one record (most of them) holds the bare key, not a Set.
  const byPerson = new Map<string, string | Set<string>>();
  const persons = new Map<string, PersonRow>();
  const rules = new Map<string, LinkRule>();
  const rulesBySubject = new Map<string, Set<string>>();
  const tombstones = new Set<string>();
  // Events as given, without a copy each: an event's seq is its position + 1 and is added when it is read.
  const events: IdentityEvent[] = [];
  const reviews = new Map<string, ReviewCandidate>();
  const meta = new Map<string, string>();

  function add(index: Map<string, string | string[]>, key: string, recordKey: string): void {
    const entry = index.get(key);
    if (entry === undefined) index.set(key, recordKey);
    else if (typeof entry === 'string') {
      if (entry !== recordKey) index.set(key, [entry, recordKey]);
    } else entry.push(recordKey); // a record is unindexed before it is written again: no duplicates
  }

  function remove(index: Map<string, string | string[]>, key: string, recordKey: string): void {
    const entry = index.get(key);
    if (entry === undefined) return;
    if (typeof entry === 'string') {
      if (entry === recordKey) index.delete(key);
      return;
    }
    const i = entry.indexOf(recordKey);
    if (i >= 0) entry.splice(i, 1);
    if (entry.length === 1) index.set(key, entry[0]!);
    else if (entry.length === 0) index.delete(key);
  }

  const valuesOf = (kind: string): Map<string, string | string[]> => {
    let values = byIdentifier.get(kind);
    if (values === undefined) byIdentifier.set(kind, (values = new Map()));
    return values;
  };

  function unindex(rec: StoredRecord): void {
    for (const id of rec.identifiers) remove(valuesOf(id.kind), id.value, rec.key);
    const slot = slotOf.get(rec.key);
    if (slot !== undefined) slots[slot] = undefined;
    slotOf.delete(rec.key);
    unassign(rec);
  }

  function assign(key: string, personId: string): void {
    const entry = byPerson.get(personId);
    if (entry === undefined) byPerson.set(personId, key);
    else if (typeof entry === 'string') {
      if (entry !== key) byPerson.set(personId, new Set([entry, key]));
    } else entry.add(key);
  }

  function unassign(rec: StoredRecord): void {
    const entry = byPerson.get(rec.personId);
    if (entry === undefined) return;
    if (typeof entry === 'string') {
      if (entry === rec.key) byPerson.delete(rec.personId);
      return;
    }
    entry.delete(rec.key);
    if (entry.size === 1) byPerson.set(rec.personId, entry.values().next().value!);
    else if (entry.size === 0) byPerson.delete(rec.personId);
  }

  const sync: SyncIdentityStore = {
    getRecord(key) {
      return records.get(key);
    },
    getRecords(keys) {
      const out: StoredRecord[] = [];
      for (const key of keys) {
        const rec = records.get(key);
        if (rec !== undefined) out.push(rec);
      }
      return out;
    },
    putRecords(list) {
      for (const rec of list) {
        const old = records.get(rec.key);
        if (old !== undefined) unindex(old);
        records.set(rec.key, rec);
        assign(rec.key, rec.personId);
        for (const id of rec.identifiers) add(valuesOf(id.kind), id.value, rec.key);
        const slot = slots.length;
        slots.push(rec);
        slotOf.set(rec.key, slot);
        for (const block of rec.blockingKeys) byBlock.add(keyNumber(block), slot);
      }
    },
    deleteRecords(keys) {
      for (const key of keys) {
        const rec = records.get(key);
        if (rec === undefined) continue;
        unindex(rec);
        records.delete(key);
      }
    },
    recordsByIdentifier(kind, value) {
      const entry = byIdentifier.get(kind)?.get(value);
      if (entry === undefined) return [];
      if (typeof entry === 'string') return [records.get(entry)!];
      return entry.map((key) => records.get(key)!);
    },
    recordsByBlockingKey(blockingKey, limit) {
      const out: StoredRecord[] = [];
      for (let e = byBlock.newest(keyNumber(blockingKey)); e !== -1 && out.length < limit; e = byBlock.older(e)) {
        const slot = byBlock.record(e);
        const rec = slots[slot];
        if (rec === undefined || !rec.blockingKeys.includes(blockingKey)) continue;
        out.push(rec);
      }
      return out;
    },
    recordsOfPerson(personId) {
      const entry = byPerson.get(personId);
      if (entry === undefined) return [];
      if (typeof entry === 'string') return [records.get(entry)!];
      const out: StoredRecord[] = [];
      for (const key of entry) out.push(records.get(key)!);
      return out;
    },
    assignPerson(keys, personId) {
      for (const key of keys) {
        const rec = records.get(key);
        if (rec === undefined) continue;
        unassign(rec);
        const moved = { ...rec, personId };
        records.set(key, moved);
        slots[slotOf.get(key)!] = moved;
        assign(key, personId);
      }
    },
    getPerson(personId) {
      return persons.get(personId);
    },
    putPerson(person) {
      persons.set(person.id, person);
    },
    deletePerson(personId) {
      persons.delete(personId);
    },
    putRules(list) {
      for (const rule of list) {
        rules.set(rule.id, rule);
        for (const subject of [rule.a, rule.b]) {
          let set = rulesBySubject.get(subject);
          if (set === undefined) rulesBySubject.set(subject, (set = new Set()));
          set.add(rule.id);
        }
      }
    },
    deleteRules(ids) {
      for (const id of ids) {
        const rule = rules.get(id);
        if (rule === undefined) continue;
        rules.delete(id);
        rulesBySubject.get(rule.a)?.delete(id);
        rulesBySubject.get(rule.b)?.delete(id);
      }
    },
    rulesFor(subjects) {
      if (rules.size === 0) return [];
      const ids = new Set<string>();
      for (const subject of subjects) for (const id of rulesBySubject.get(subject) ?? []) ids.add(id);
      return [...ids].map((id) => rules.get(id)!).filter((rule) => rule !== undefined);
    },
    addTombstones(list: readonly Tombstone[]) {
      for (const t of list) tombstones.add(t.hash);
    },
    findTombstones(hashes) {
      if (tombstones.size === 0) return [];
      return hashes.filter((hash) => tombstones.has(hash));
    },
    appendEvents(list: readonly IdentityEvent[]) {
      const first = events.length;
      for (const event of list) events.push(event);
      return withSeq(list, first);
    },
    listEvents(afterSeq, limit) {
      const from = Math.max(0, afterSeq);
      return withSeq(events.slice(from, from + limit), from);
    },
    putReviewCandidates(list) {
      for (const c of list) reviews.set(c.a < c.b ? `${c.a}\u0000${c.b}` : `${c.b}\u0000${c.a}`, c);
    },
    listReviewCandidates(limit) {
      return [...reviews.values()].sort((x, y) => y.probability - x.probability).slice(0, limit);
    },
    deleteReviewCandidates(keys) {
      const set = new Set(keys);
      for (const [k, c] of reviews) if (set.has(c.a) || set.has(c.b)) reviews.delete(k);
    },
    getMeta(name) {
      return meta.get(name);
    },
    putMeta(name, value) {
      meta.set(name, value);
    },
  };

  const store = {
    async transaction<T>(work: (tx: IdentityStore) => Promise<T>): Promise<T> {
      return work(store);
    },
    [SYNC_ACCESS]: sync,
  } as unknown as IdentityStore;
  const methods = store as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
  for (const [name, fn] of Object.entries(sync) as Array<[string, (...args: unknown[]) => unknown]>) {
    methods[name] = async (...args: unknown[]) => fn(...args);
  }
  return store;
}

function withSeq(list: readonly IdentityEvent[], before: number): StoredEvent[] {
  return list.map((event, i) => ({ ...event, seq: before + i + 1 }));
}
