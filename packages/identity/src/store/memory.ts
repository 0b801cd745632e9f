import type {
  IdentityEvent, IdentityStore, LinkRule, PersonRow, ReviewCandidate, StoredEvent, StoredRecord, Tombstone,
} from './types';
import { SYNC_ACCESS, type BulkLoading, type SyncIdentityStore } from './sync';
import { BlockIndex, identifierNumber, keyNumber } from '../batch/block-index';
import { holdsIdentifier } from '../prepare';

/**
 * An {@link IdentityStore} held in memory: for batch resolution, tests and the command line.
 * Returned records are the stored objects themselves; treat them as read-only.
 *
 * @example
 * const store = createMemoryIdentityStore();
 * const resolver = createResolver({ store, hashKey: 'secret' });
 */
export function createMemoryIdentityStore(): IdentityStore {
  // Records live in slots, a slot holding one version of one record. Identifiers and blocking keys (about ten
  // entries a record, millions for a large graph) are indexed in typed arrays by number (an identifier's hash,
  // a blocking key's keyNumber), each entry naming a slot. A record written again or deleted empties its slot,
  // so its old entries are skipped when read; so is a record that does not hold the value read (two values of
  // one number).
  const slots: Array<StoredRecord | undefined> = [];
  const slotOf = new Map<string, number>();
  const byIdentifier = new BlockIndex(1 << 16);
  const byBlock = new BlockIndex(1 << 16, 7);
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

  // The last list putRecordsUnfiled wrote into an empty store (every key in it once), until it is filed.
  let lastUnfiled: readonly StoredRecord[] | undefined;

  function recordAt(key: string): StoredRecord | undefined {
    const slot = slotOf.get(key);
    return slot === undefined ? undefined : slots[slot];
  }

  /** The live records of `index` entries under number `k` that `holds`, newest first, at most `limit`. */
  function read(index: BlockIndex, k: number, holds: (rec: StoredRecord) => boolean, limit: number): StoredRecord[] {
    const out: StoredRecord[] = [];
    let previous = -1;
    for (let e = index.newest(k); e !== -1 && out.length < limit; e = index.older(e)) {
      const slot = index.record(e);
      if (slot === previous) continue; // one record listing a value twice
      previous = slot;
      const rec = slots[slot];
      if (rec !== undefined && holds(rec)) out.push(rec);
    }
    return out;
  }

  /** Gives the records of `list` the slots 0, 1, 2… by key; false (and nothing given) when a key repeats. */
  function placeFresh(list: readonly StoredRecord[]): boolean {
    for (let i = 0; i < list.length; i++) slotOf.set(list[i]!.key, i);
    if (slotOf.size !== list.length) {
      slotOf.clear();
      return false;
    }
    let identifiers = 0;
    let keys = 0;
    for (const rec of list) {
      identifiers += rec.identifiers.length;
      keys += rec.blockingKeys.length;
    }
    byIdentifier.reserve(identifiers);
    byBlock.reserve(keys);
    return true;
  }

  function unindex(rec: StoredRecord): void {
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

  const sync: SyncIdentityStore & BulkLoading = {
    getRecord(key) {
      return recordAt(key);
    },
    getRecords(keys) {
      const out: StoredRecord[] = [];
      for (const key of keys) {
        const rec = recordAt(key);
        if (rec !== undefined) out.push(rec);
      }
      return out;
    },
    putRecords(list) {
      sync.putRecordsUnfiled(list);
      sync.fileUnderPersons(list);
    },
    putRecordsUnfiled(list) {
      // Into an empty store (a batch's first write) no key can be there already: one lookup a record, not two,
      // unless the list itself repeats a key.
      const fresh = slots.length === 0 && placeFresh(list);
      lastUnfiled = fresh ? list : undefined;
      for (let i = 0; i < list.length; i++) {
        const rec = list[i]!;
        if (!fresh) {
          const old = recordAt(rec.key);
          if (old !== undefined) unindex(old);
          slotOf.set(rec.key, slots.length);
        }
        const slot = slots.length;
        slots.push(rec);
        for (const id of rec.identifiers) byIdentifier.add(identifierNumber(id.kind, id.value), slot);
        for (const block of rec.blockingKeys) byBlock.add(keyNumber(block), slot);
      }
    },
    fileUnderPersons(list) {
      // A list written fresh has no key twice; otherwise a repeated key is filed once, for the version kept.
      const distinct = list === lastUnfiled;
      lastUnfiled = undefined;
      for (const rec of list) if (distinct || recordAt(rec.key) === rec) assign(rec.key, rec.personId);
    },
    deleteRecords(keys) {
      for (const key of keys) {
        const rec = recordAt(key);
        if (rec !== undefined) unindex(rec);
      }
    },
    recordsByIdentifier(kind, value) {
      const holds = (rec: StoredRecord) => holdsIdentifier(rec.identifiers, kind, value);
      // Oldest first, the order they were written in.
      return read(byIdentifier, identifierNumber(kind, value), holds, Infinity).reverse();
    },
    recordsByBlockingKey(blockingKey, limit) {
      return read(byBlock, keyNumber(blockingKey), (rec) => rec.blockingKeys.includes(blockingKey), limit);
    },
    recordsOfPerson(personId) {
      const entry = byPerson.get(personId);
      if (entry === undefined) return [];
      if (typeof entry === 'string') return [recordAt(entry)!];
      const out: StoredRecord[] = [];
      for (const key of entry) out.push(recordAt(key)!);
      return out;
    },
    assignPerson(keys, personId) {
      for (const key of keys) {
        const slot = slotOf.get(key);
        const rec = slot === undefined ? undefined : slots[slot];
        if (rec === undefined) continue;
        unassign(rec);
        slots[slot!] = { ...rec, personId };
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
      const out: StoredEvent[] = new Array(list.length);
      for (let i = 0; i < list.length; i++) {
        const event = list[i]!;
        events.push(event);
        // An event numbered already as it is numbered here (the batch numbers a million) is returned as it is.
        const seq = first + i + 1;
        out[i] = (event as Partial<StoredEvent>).seq === seq ? (event as StoredEvent) : { ...event, seq };
      }
      return out;
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
