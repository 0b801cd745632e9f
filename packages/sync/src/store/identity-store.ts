/**
 * `@silta/identity`'s `IdentityStore` on the store's own database, written once for both backends. The
 * identifier and blocking-key indexes are tables of their own, rewritten with each record, so a lookup is
 * one indexed join. `transaction()` maps to a real database transaction (on SQLite the connection is held
 * for the duration, other callers wait).
 */
import type {
  IdentityEvent, IdentityStore, LinkRule, PersonRow, ReviewCandidate, StoredEvent,
  StoredRecord as IdentityRecord, Tombstone,
} from '@silta/identity';
import type { SourceRef } from '@silta/model';
import { sql, type Kysely, type Selectable } from 'kysely';
import { all, run, type Executor, type Step } from './executor';
import type { Database, IdRecordsTable } from './schema';

const CHUNK = 500;

/** An arbitrary constant naming the identity graph's lock among advisory locks (per schema, like the feed's). */
const IDENTITY_LOCK = 0x51d7;
const identityLock = sql`select pg_advisory_xact_lock(${sql.lit(IDENTITY_LOCK)}, hashtext(current_schema()))`;

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function toRecord(row: Selectable<IdRecordsTable>): IdentityRecord {
  return {
    key: row.key,
    ref: JSON.parse(row.ref) as SourceRef,
    personId: row.person_id,
    identifiers: JSON.parse(row.identifiers) as IdentityRecord['identifiers'],
    blockingKeys: JSON.parse(row.blocking_keys) as string[],
    features: JSON.parse(row.features) as Record<string, unknown>,
    updatedAt: row.updated_at,
  };
}

function toRule(row: { id: string; kind: string; a: string; b: string; reason: string | null; created_at: string }): LinkRule {
  return { id: row.id, kind: row.kind as LinkRule['kind'], a: row.a, b: row.b, ...(row.reason === null ? {} : { reason: row.reason }), createdAt: row.created_at };
}

function pairKey(a: string, b: string): string {
  return JSON.stringify(a < b ? [a, b] : [b, a]);
}

let writeCounter = 0;
/** Write order for "most recently written first" in a block: microsecond-ish, monotonic within a process. */
function writeStamp(): number {
  writeCounter = (writeCounter + 1) % 1000;
  return Date.now() * 1000 + writeCounter;
}

/**
 * Builds an `IdentityStore` over an executor. Outside `transaction()` every multi-statement write is still
 * atomic on its own.
 *
 * @example
 * const store = await openStore('.silta/silta.db');
 * const resolver = createResolver({ store: store.identity, hashKey: process.env.SILTA_HASH_KEY! });
 */
export function createSqlIdentityStore(db: Kysely<Database>, ex: Executor): IdentityStore {
  const xAll = <R>(q: Parameters<typeof all<R>>[0]) => ex.exec(all<R>(q));
  const xRun = (q: Parameters<typeof run>[0]) => ex.exec(run(q));
  const selectRecords = () => db.selectFrom('silta_id_records').selectAll('silta_id_records');

  function* putRecordsBody(records: readonly IdentityRecord[]): Step<void> {
    // The last write of a key wins, as in the memory store.
    const byKey = new Map(records.map((r) => [r.key, r]));
    const list = [...byKey.values()];
    for (const part of chunks(list)) {
      const keys = part.map((r) => r.key);
      yield* run(db.deleteFrom('silta_id_identifiers').where('record_key', 'in', keys));
      yield* run(db.deleteFrom('silta_id_blocks').where('record_key', 'in', keys));
      yield* run(db.insertInto('silta_id_records').values(part.map((r) => ({
        key: r.key, ref: JSON.stringify(r.ref), person_id: r.personId, identifiers: JSON.stringify(r.identifiers),
        blocking_keys: JSON.stringify(r.blockingKeys), features: JSON.stringify(r.features), updated_at: r.updatedAt,
      }))).onConflict((oc) => oc.column('key').doUpdateSet((eb) => ({
        ref: eb.ref('excluded.ref'), person_id: eb.ref('excluded.person_id'), identifiers: eb.ref('excluded.identifiers'),
        blocking_keys: eb.ref('excluded.blocking_keys'), features: eb.ref('excluded.features'), updated_at: eb.ref('excluded.updated_at'),
      }))));
      const ids = part.flatMap((r) => r.identifiers.map((i) => ({ kind: i.kind, value: i.value, record_key: r.key })));
      for (const p of chunks(ids)) yield* run(db.insertInto('silta_id_identifiers').values(p).onConflict((oc) => oc.doNothing()));
      const stamp = writeStamp();
      const blocks = part.flatMap((r) => [...new Set(r.blockingKeys)].map((block) => ({ block, record_key: r.key, written: stamp })));
      for (const p of chunks(blocks)) yield* run(db.insertInto('silta_id_blocks').values(p).onConflict((oc) => oc.doNothing()));
    }
  }

  const store: IdentityStore = {
    async getRecord(key) {
      const [row] = await xAll(selectRecords().where('key', '=', key));
      return row ? toRecord(row) : undefined;
    },
    async getRecords(keys) {
      const out: IdentityRecord[] = [];
      for (const part of chunks([...new Set(keys)])) out.push(...(await xAll(selectRecords().where('key', 'in', part))).map(toRecord));
      return out;
    },
    async putRecords(records) {
      if (records.length > 0) await ex.tx(() => putRecordsBody(records));
    },
    async deleteRecords(keys) {
      if (keys.length === 0) return;
      await ex.tx(function* deleteRecordsTx() {
        for (const part of chunks([...new Set(keys)])) {
          yield* run(db.deleteFrom('silta_id_identifiers').where('record_key', 'in', part));
          yield* run(db.deleteFrom('silta_id_blocks').where('record_key', 'in', part));
          yield* run(db.deleteFrom('silta_id_records').where('key', 'in', part));
        }
      });
    },
    async recordsByIdentifier(kind, value) {
      const rows = await xAll(selectRecords()
        .innerJoin('silta_id_identifiers as i', 'i.record_key', 'silta_id_records.key')
        .where('i.kind', '=', kind).where('i.value', '=', value).orderBy('silta_id_records.key'));
      return rows.map(toRecord);
    },
    async recordsByBlockingKey(blockingKey, limit) {
      if (limit <= 0) return [];
      const rows = await xAll(selectRecords()
        .innerJoin('silta_id_blocks as b', 'b.record_key', 'silta_id_records.key')
        .where('b.block', '=', blockingKey).orderBy('b.written', 'desc').orderBy('silta_id_records.key', 'desc').limit(limit));
      return rows.map(toRecord);
    },
    async recordsOfPerson(personId) {
      return (await xAll(selectRecords().where('person_id', '=', personId).orderBy('key'))).map(toRecord);
    },
    async assignPerson(keys, personId) {
      for (const part of chunks([...new Set(keys)])) await xRun(db.updateTable('silta_id_records').set({ person_id: personId }).where('key', 'in', part));
    },
    async getPerson(personId) {
      const [row] = await xAll(db.selectFrom('silta_id_persons').selectAll().where('id', '=', personId));
      return row ? ({ id: row.id, createdAt: row.created_at } satisfies PersonRow) : undefined;
    },
    async putPerson(person) {
      await xRun(db.insertInto('silta_id_persons').values({ id: person.id, created_at: person.createdAt })
        .onConflict((oc) => oc.column('id').doUpdateSet({ created_at: person.createdAt })));
    },
    async deletePerson(personId) {
      await xRun(db.deleteFrom('silta_id_persons').where('id', '=', personId));
    },
    async putRules(rules) {
      for (const part of chunks(rules)) {
        await xRun(db.insertInto('silta_id_rules').values(part.map((r) => ({ id: r.id, kind: r.kind, a: r.a, b: r.b, reason: r.reason ?? null, created_at: r.createdAt })))
          .onConflict((oc) => oc.column('id').doUpdateSet((eb) => ({
            kind: eb.ref('excluded.kind'), a: eb.ref('excluded.a'), b: eb.ref('excluded.b'), reason: eb.ref('excluded.reason'), created_at: eb.ref('excluded.created_at'),
          }))));
      }
    },
    async deleteRules(ruleIds) {
      for (const part of chunks([...new Set(ruleIds)])) await xRun(db.deleteFrom('silta_id_rules').where('id', 'in', part));
    },
    async rulesFor(subjects) {
      const seen = new Map<string, LinkRule>();
      for (const part of chunks([...new Set(subjects)])) {
        const rows = await xAll(db.selectFrom('silta_id_rules').selectAll().where((eb) => eb.or([eb('a', 'in', part), eb('b', 'in', part)])));
        for (const r of rows) seen.set(r.id, toRule(r));
      }
      return [...seen.values()];
    },
    async addTombstones(tombstones: readonly Tombstone[]) {
      for (const part of chunks(tombstones)) {
        await xRun(db.insertInto('silta_id_tombstones').values(part.map((t) => ({ hash: t.hash, created_at: t.createdAt }))).onConflict((oc) => oc.column('hash').doNothing()));
      }
    },
    async findTombstones(hashes) {
      const found = new Set<string>();
      for (const part of chunks([...new Set(hashes)])) {
        for (const r of await xAll(db.selectFrom('silta_id_tombstones').select('hash').where('hash', 'in', part))) found.add(r.hash);
      }
      return hashes.filter((h) => found.has(h));
    },
    async appendEvents(events: readonly IdentityEvent[]) {
      if (events.length === 0) return [];
      return ex.tx(function* appendEventsTx(): Step<StoredEvent[]> {
        const out: StoredEvent[] = [];
        for (const event of events) {
          const [row] = yield* all(db.insertInto('silta_id_events').values({ event: JSON.stringify(event) }).returning('seq'));
          out.push({ ...event, seq: Number(row!.seq) } as StoredEvent);
        }
        return out;
      });
    },
    async listEvents(afterSeq, limit) {
      if (limit <= 0) return [];
      const rows = await xAll(db.selectFrom('silta_id_events').selectAll().where('seq', '>', Math.max(0, afterSeq) as never).orderBy('seq').limit(limit));
      return rows.map((r) => ({ ...(JSON.parse(r.event) as IdentityEvent), seq: Number(r.seq) }) as StoredEvent);
    },
    async putReviewCandidates(candidates: readonly ReviewCandidate[]) {
      const byPair = new Map(candidates.map((c) => [pairKey(c.a, c.b), c]));
      for (const part of chunks([...byPair])) {
        await xRun(db.insertInto('silta_id_reviews').values(part.map(([pair, c]) => ({ pair, a: c.a, b: c.b, probability: c.probability, weight: c.weight, created_at: c.createdAt })))
          .onConflict((oc) => oc.column('pair').doUpdateSet((eb) => ({
            a: eb.ref('excluded.a'), b: eb.ref('excluded.b'), probability: eb.ref('excluded.probability'), weight: eb.ref('excluded.weight'), created_at: eb.ref('excluded.created_at'),
          }))));
      }
    },
    async listReviewCandidates(limit) {
      if (limit <= 0) return [];
      const rows = await xAll(db.selectFrom('silta_id_reviews').selectAll().orderBy('probability', 'desc').orderBy('pair').limit(limit));
      return rows.map((r) => ({ a: r.a, b: r.b, probability: Number(r.probability), weight: Number(r.weight), createdAt: r.created_at }));
    },
    async deleteReviewCandidates(recordKeys) {
      for (const part of chunks([...new Set(recordKeys)])) {
        await xRun(db.deleteFrom('silta_id_reviews').where((eb) => eb.or([eb('a', 'in', part), eb('b', 'in', part)])));
      }
    },
    async getMeta(name) {
      const [row] = await xAll(db.selectFrom('silta_id_meta').select('value').where('name', '=', name));
      return row?.value;
    },
    async putMeta(name, value) {
      await xRun(db.insertInto('silta_id_meta').values({ name, value }).onConflict((oc) => oc.column('name').doUpdateSet({ value })));
    },
    async transaction(work) {
      return ex.txAsync(async (inner) => {
        // PostgreSQL: resolvers in other processes on this schema wait here, so each sees the persons the
        // one before it committed. (SQLite's BEGIN IMMEDIATE already holds the file's single write lock.)
        if (ex.kind === 'postgres') await inner.exec(all(identityLock.compile(db)));
        return work(inner === ex ? store : createSqlIdentityStore(db, inner));
      });
    },
  };
  return store;
}
