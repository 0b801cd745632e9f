/**
 * The store conformance suite: every capability of `SiltaStore`, run identically on SQLite and on
 * PostgreSQL (when the local server answers; CI requires it).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StoreError, type SiltaStore } from '../src/store/index';
import { storeBackends, type Backend } from './store-backends';
import { contact, note, ref, ticket } from './store-fixtures';

const backends = await storeBackends();
const STREAM = 'freshdesk:acme:tickets';

describe.each(backends)('store conformance: %s', (_name, makeBackend) => {
  let backend: Backend;
  let store: SiltaStore;

  beforeEach(async () => {
    backend = makeBackend();
    store = await backend.open();
  });
  afterEach(async () => {
    await backend.cleanup();
  });

  describe('records and change events', () => {
    it('creates records and emits one created event each, with no before', async () => {
      const res = await store.upsertBatch({ streamKey: STREAM, records: [ticket('1', '2026-11-01T10:00:00Z'), ticket('2', '2026-11-01T10:00:00Z')], checkpoint: { since: 'a' }, source: 'poll' });
      expect(res).toMatchObject({ created: 2, updated: 0, unchanged: 0, skippedStale: 0 });
      expect(res.events.map((e) => [e.kind, e.key, e.before, e.after?.ref.id])).toEqual([
        ['created', 'freshdesk:acme:ticket:1', null, '1'],
        ['created', 'freshdesk:acme:ticket:2', null, '2'],
      ]);
      expect(res.events[1]!.seq).toBeGreaterThan(res.events[0]!.seq);
      const stored = await store.getRecord(ref('ticket', '1'));
      expect(stored?.record).toEqual(ticket('1', '2026-11-01T10:00:00Z'));
      expect(stored).toMatchObject({ entity: 'case', deleted: false, source: 'poll', streamKey: STREAM, updatedAt: '2026-11-01T10:00:00.000Z' });
      expect(stored?.hash).toMatch(/^[0-9a-f]{64}$/);
    });

    it('writes a batch prepared ahead by prepareUpsert, and the same prepared batch again as unchanged', async () => {
      const prepared = await store.prepareUpsert({ streamKey: STREAM, records: [ticket('1', '2026-11-01T10:00:00Z')], checkpoint: { since: 'p' }, source: 'poll' });
      expect(await store.countRecords()).toBe(0);
      const first = await store.upsertBatch(prepared);
      expect(first).toMatchObject({ created: 1, unchanged: 0 });
      expect(first.events[0]!.after).toEqual(ticket('1', '2026-11-01T10:00:00Z'));
      expect(await store.getCheckpoint(STREAM)).toEqual({ since: 'p' });
      // A retry after an unclear failure passes the same prepared batch again.
      expect(await store.upsertBatch(prepared)).toMatchObject({ created: 0, unchanged: 1, events: [] });
    });

    it('prepares a large batch (on PostgreSQL letting the event loop run meanwhile) and names a bad record by its place', async () => {
      const records = Array.from({ length: 1_000 }, (_, i) => ticket(String(i + 1), '2026-11-01T10:00:00Z'));
      // Each turn of the event loop while the batch is prepared: a write in flight gets its answers meanwhile.
      let turns = 0;
      let ticking = true;
      const tick = () => { turns++; if (ticking) setImmediate(tick); };
      setImmediate(tick);
      const prepared = await store.prepareUpsert({ streamKey: STREAM, records, source: 'poll' });
      ticking = false;
      // PostgreSQL's batch in flight needs the event loop for each statement; SQLite's writer thread does not.
      if (store.kind === 'postgres') expect(turns).toBeGreaterThan(5);
      else expect(turns).toBeLessThanOrEqual(1);
      expect(await store.upsertBatch(prepared)).toMatchObject({ created: 1_000 });
      records[900] = { ...records[900]!, updatedAt: 'later' };
      await expect(store.prepareUpsert({ streamKey: STREAM, records, source: 'poll' })).rejects.toMatchObject({ message: expect.stringContaining('records[900].updatedAt') });
    });

    it('rejects invalid input while preparing, naming the field, and writes nothing', async () => {
      const bad = { streamKey: STREAM, records: [ticket('1', '2026-11-01T10:00:00Z'), { ...ticket('2', 'x'), updatedAt: 'yesterday' }], source: 'poll' as const };
      await expect(store.prepareUpsert(bad)).rejects.toMatchObject({ code: 'STORE_INVALID_INPUT', message: expect.stringContaining('records[1].updatedAt') });
      await expect(store.prepareUpsert({ ...bad, records: [], source: 'push' as never })).rejects.toMatchObject({ message: expect.stringContaining('source') });
      expect(await store.countRecords()).toBe(0);
    });

    it('emits nothing for an unchanged record, even when its keys arrive in another order', async () => {
      await store.upsertBatch({ streamKey: STREAM, records: [ticket('1', '2026-11-01T10:00:00Z')], source: 'poll' });
      const original = ticket('1', '2026-11-01T10:00:00Z');
      const reordered = Object.fromEntries(Object.entries(original).reverse()) as typeof original;
      const res = await store.upsertBatch({ streamKey: STREAM, records: [reordered], source: 'webhook' });
      expect(res).toMatchObject({ created: 0, updated: 0, unchanged: 1, events: [] });
      expect(await store.readChanges({ afterSeq: 0 })).toHaveLength(1);
    });

    it('emits an updated event carrying the before and after versions', async () => {
      await store.upsertBatch({ streamKey: STREAM, records: [ticket('1', '2026-11-01T10:00:00Z')], source: 'poll' });
      const res = await store.upsertBatch({ streamKey: STREAM, records: [ticket('1', '2026-11-01T11:00:00Z', { status: 'pending' })], source: 'poll' });
      expect(res).toMatchObject({ created: 0, updated: 1 });
      const [event] = res.events;
      expect(event).toMatchObject({ kind: 'updated', before: { status: 'open' }, after: { status: 'pending' } });
      const [, fromFeed] = await store.readChanges({ afterSeq: 0 });
      expect(fromFeed).toMatchObject({ seq: event!.seq, kind: 'updated', before: { status: 'open' }, after: { status: 'pending' }, source: 'poll' });
      expect((await store.getRecord('freshdesk:acme:ticket:1'))?.record).toMatchObject({ status: 'pending' });
    });

    it('never lets an older poll overwrite a fresher webhook version', async () => {
      await store.upsertBatch({ streamKey: 'webhook:freshdesk:acme', records: [ticket('1', '2026-11-01T12:00:00Z', { status: 'resolved' })], source: 'webhook' });
      const res = await store.upsertBatch({ streamKey: STREAM, records: [ticket('1', '2026-11-01T11:00:00Z', { status: 'open' })], checkpoint: { since: 'x' }, source: 'poll' });
      expect(res).toMatchObject({ skippedStale: 1, updated: 0, events: [] });
      expect(await store.getRecord(ref('ticket', '1'))).toMatchObject({ source: 'webhook', record: { status: 'resolved' } });
      expect(await store.getCheckpoint(STREAM)).toEqual({ since: 'x' });
    });

    it('compares a key seen twice in one batch with its first occurrence', async () => {
      const res = await store.upsertBatch({ streamKey: STREAM, records: [ticket('1', '2026-11-01T10:00:00Z'), ticket('1', '2026-11-01T11:00:00Z', { status: 'closed' })], source: 'poll' });
      expect(res.events.map((e) => e.kind)).toEqual(['created', 'updated']);
      expect(res.events[1]).toMatchObject({ before: { status: 'open' }, after: { status: 'closed' } });
    });

    it('commits a batch and its checkpoint together or not at all', async () => {
      await store.upsertBatch({ streamKey: STREAM, records: [ticket('1', '2026-11-01T10:00:00Z')], checkpoint: { page: 1 }, source: 'poll' });
      await backend.raw(backend.name === 'sqlite'
        ? `CREATE TRIGGER boom BEFORE INSERT ON silta_changes WHEN NEW.key = 'freshdesk:acme:ticket:boom' BEGIN SELECT RAISE(ABORT, 'injected failure'); END;`
        : `CREATE FUNCTION boom() RETURNS trigger AS $$ BEGIN IF NEW.key = 'freshdesk:acme:ticket:boom' THEN RAISE EXCEPTION 'injected failure'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql;
           CREATE TRIGGER boom BEFORE INSERT ON silta_changes FOR EACH ROW EXECUTE FUNCTION boom();`);
      const batch = [ticket('2', '2026-11-01T10:00:00Z'), ticket('1', '2026-11-01T11:00:00Z', { status: 'closed' }), ticket('boom', '2026-11-01T10:00:00Z'), ticket('3', '2026-11-01T10:00:00Z')];
      const err = await store.upsertBatch({ streamKey: STREAM, records: batch, checkpoint: { page: 2 }, source: 'poll' }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(StoreError);
      expect((err as StoreError).code).toBe('STORE_QUERY_FAILED');
      expect((err as Error).message).toContain('injected failure');
      expect(await store.getCheckpoint(STREAM)).toEqual({ page: 1 });
      expect(await store.countRecords()).toBe(1);
      expect((await store.getRecord(ref('ticket', '1')))?.record).toMatchObject({ status: 'open' });
      expect(await store.readChanges({ afterSeq: 0 })).toHaveLength(1);
      // The store is still usable after the rollback.
      const ok = await store.upsertBatch({ streamKey: STREAM, records: [ticket('2', '2026-11-01T10:00:00Z')], checkpoint: { page: 2 }, source: 'poll' });
      expect(ok.created).toBe(1);
      expect(await store.getCheckpoint(STREAM)).toEqual({ page: 2 });
    });

    it('rolls the records back when the checkpoint itself cannot be saved', async () => {
      const circular: Record<string, unknown> = {};
      circular.self = circular;
      await expect(store.upsertBatch({ streamKey: STREAM, records: [ticket('1', '2026-11-01T10:00:00Z')], checkpoint: circular, source: 'poll' })).rejects.toThrow(StoreError);
      expect(await store.countRecords()).toBe(0);
      expect(await store.latestSeq()).toBe(0);
    });

    it('marks vendor-reported deletes and records arriving with deleted: true', async () => {
      await store.upsertBatch({ streamKey: STREAM, records: [ticket('1', '2026-11-01T10:00:00Z'), ticket('2', '2026-11-01T10:00:00Z')], source: 'poll' });
      const res = await store.upsertBatch({
        streamKey: STREAM, source: 'webhook', deletedIds: [ref('ticket', '1'), ref('ticket', '404')],
        records: [ticket('2', '2026-11-01T11:00:00Z', { deleted: true })],
      });
      expect(res).toMatchObject({ deleted: 2, created: 0, updated: 0 });
      expect(res.events.map((e) => [e.kind, e.ref.id, e.before?.ref.id, e.after])).toEqual([['deleted', '2', '2', null], ['deleted', '1', '1', null]]);
      expect(await store.countRecords()).toBe(0);
      expect(await store.countRecords({ includeDeleted: true })).toBe(2);
      expect(await store.getRecord(ref('ticket', '1'))).toMatchObject({ deleted: true });
    });

    it('infers deletes after a complete enumeration only for the stream\'s unseen records', async () => {
      await store.upsertBatch({ streamKey: STREAM, records: ['1', '2', '3'].map((id) => ticket(id, '2026-11-01T10:00:00Z')), source: 'poll' });
      await store.upsertBatch({ streamKey: 'freshdesk:acme:contacts', records: [contact('9', '2026-11-01T10:00:00Z')], source: 'poll' });
      // A webhook update of a polled record keeps it in the polling stream.
      await store.upsertBatch({ streamKey: 'webhook:freshdesk:acme', records: [ticket('3', '2026-11-01T12:00:00Z', { status: 'pending' })], source: 'webhook' });
      const events = await store.markMissingDeleted(STREAM, [ref('ticket', '1'), 'freshdesk:acme:ticket:3']);
      expect(events.map((e) => [e.kind, e.key])).toEqual([['deleted', 'freshdesk:acme:ticket:2']]);
      expect(events[0]!.before).toMatchObject({ subject: 'Lasku 2' });
      expect((await store.listRecords()).map((r) => r.key).sort()).toEqual(['freshdesk:acme:contact:9', 'freshdesk:acme:ticket:1', 'freshdesk:acme:ticket:3']);
      expect(await store.markMissingDeleted(STREAM, [ref('ticket', '1'), ref('ticket', '3')])).toEqual([]);
    });

    it('brings a deleted record back as an update when it reappears', async () => {
      await store.upsertBatch({ streamKey: STREAM, records: [ticket('1', '2026-11-01T10:00:00Z')], source: 'poll' });
      await store.markMissingDeleted(STREAM, []);
      const res = await store.upsertBatch({ streamKey: STREAM, records: [ticket('1', '2026-11-01T11:00:00Z')], source: 'poll' });
      expect(res.events.map((e) => e.kind)).toEqual(['updated']);
      expect(await store.getRecord(ref('ticket', '1'))).toMatchObject({ deleted: false });
    });

    it('keeps every version in the feed: each event\'s after is the next one\'s before', async () => {
      const v = (n: number) => ticket('1', `2026-11-01T1${n}:00:00Z`, { subject: `v${n}` });
      await store.upsertBatch({ streamKey: STREAM, records: [v(1)], source: 'poll' });
      await store.upsertBatch({ streamKey: STREAM, records: [v(2), v(3)], source: 'poll' });
      await store.upsertBatch({ streamKey: STREAM, records: [], deletedIds: [ref('ticket', '1')], source: 'webhook' });
      await store.upsertBatch({ streamKey: STREAM, records: [v(4)], source: 'poll' });
      await store.upsertBatch({ streamKey: STREAM, records: [ticket('2', '2026-11-01T10:00:00Z')], source: 'poll' });
      const subject = (r: unknown) => (r === null ? null : (r as { subject: string }).subject);
      const feed = (await store.readChanges({ afterSeq: 0 })).filter((e) => e.ref.id === '1');
      expect(feed.map((e) => [e.kind, subject(e.before), subject(e.after)])).toEqual([
        ['created', null, 'v1'], ['updated', 'v1', 'v2'], ['updated', 'v2', 'v3'], ['deleted', 'v3', null], ['updated', 'v3', 'v4'],
      ]);
    });

    it('leaves volatile paths out of change detection when asked to', async () => {
      const volatile = await backend.open({ volatilePaths: ['raw.stats'] });
      const withStats = (at: string) => ticket('1', '2026-11-01T10:00:00Z', { raw: { id: 1, stats: { seen_at: at } } });
      await volatile.upsertBatch({ streamKey: STREAM, records: [withStats('a')], source: 'poll' });
      expect(await volatile.upsertBatch({ streamKey: STREAM, records: [withStats('b')], source: 'poll' })).toMatchObject({ unchanged: 1, events: [] });
      const changed = ticket('1', '2026-11-01T10:00:00Z', { raw: { id: 2, stats: { seen_at: 'b' } } });
      expect((await volatile.upsertBatch({ streamKey: STREAM, records: [changed], source: 'poll' })).updated).toBe(1);
      // Without the option the same difference is a change.
      await store.upsertBatch({ streamKey: STREAM, records: [withStats('a')], source: 'poll' });
      expect((await store.upsertBatch({ streamKey: STREAM, records: [withStats('b')], source: 'poll' })).updated).toBe(1);
    });

    it('names the field when a record is malformed', async () => {
      const bad = { ...ticket('1', '2026-11-01T10:00:00Z'), updatedAt: 'yesterday' };
      await expect(store.upsertBatch({ streamKey: STREAM, records: [bad], source: 'poll' })).rejects.toThrow(/records\[0\]\.updatedAt must be an ISO 8601 timestamp, got "yesterday"/);
      await expect(store.upsertBatch({ streamKey: STREAM, records: [{ ...ticket('1', '2026-11-01T10:00:00Z'), ref: { system: 'x' } as never }], source: 'poll' })).rejects.toThrow(/records\[0\]\.ref must be a SourceRef/);
      await expect(store.upsertBatch({ streamKey: '', records: [], source: 'poll' })).rejects.toMatchObject({ code: 'STORE_INVALID_INPUT', message: expect.stringContaining('streamKey') });
    });
  });

  describe('queries', () => {
    beforeEach(async () => {
      await store.upsertBatch({ streamKey: 'freshdesk:acme:contacts', records: [contact('7', '2026-11-01T09:00:00Z'), contact('8', '2026-11-01T09:00:00Z')], source: 'poll' });
      await store.upsertBatch({ streamKey: STREAM, records: [ticket('1', '2026-11-01T10:00:00Z', { partyRef: ref('contact', '7') }), ticket('2', '2026-11-02T10:00:00Z', { partyRef: ref('contact', '8') })], source: 'poll' });
      await store.upsertBatch({ streamKey: 'freshdesk:acme:conversations', records: [note('100', '2026-11-03T10:00:00Z', '7', '1'), note('101', '2026-11-01T11:00:00Z', '7', '1')], source: 'poll' });
    });

    it('filters and orders listRecords', async () => {
      expect((await store.listRecords({ entity: 'case' })).map((r) => r.ref.id)).toEqual(['2', '1']);
      expect((await store.listRecords({ entity: 'case', order: 'updated_asc' })).map((r) => r.ref.id)).toEqual(['1', '2']);
      expect((await store.listRecords({ updatedAfter: '2026-11-01T10:30:00Z', order: 'key' })).map((r) => r.key)).toEqual([
        'freshdesk:acme:conversation:100', 'freshdesk:acme:conversation:101', 'freshdesk:acme:ticket:2',
      ]);
      expect((await store.listRecords({ refs: [ref('contact', '8'), ref('ticket', '1')], order: 'key' })).map((r) => r.key)).toEqual(['freshdesk:acme:contact:8', 'freshdesk:acme:ticket:1']);
      expect((await store.listRecords({ caseRef: ref('ticket', '1') })).map((r) => r.ref.id)).toEqual(['100', '101']);
      expect((await store.listRecords({ order: 'key', limit: 2, offset: 1 })).map((r) => r.key)).toEqual(['freshdesk:acme:contact:8', 'freshdesk:acme:conversation:100']);
      expect(await store.listRecords({ system: 'hubspot' })).toEqual([]);
    });

    it('counts records by system and entity', async () => {
      expect(await store.countRecords()).toBe(6);
      expect(await store.countRecords({ system: 'freshdesk', entity: 'interaction' })).toBe(2);
      expect(await store.countRecords({ entity: 'party' })).toBe(2);
      expect(await store.countRecords({ system: 'zendesk' })).toBe(0);
    });

    it('lists one person\'s records across entities, newest first', async () => {
      const rows = await store.listRecordsByParty([ref('contact', '7')]);
      expect(rows.map((r) => `${r.entity}:${r.ref.id}`)).toEqual(['interaction:100', 'interaction:101', 'case:1', 'party:7']);
      expect((await store.listRecordsByParty(['freshdesk:acme:contact:7', ref('contact', '8')], { entities: ['case'] })).map((r) => r.ref.id)).toEqual(['2', '1']);
      expect((await store.listRecordsByParty([ref('contact', '7')], { limit: 1 })).map((r) => r.ref.id)).toEqual(['100']);
      expect(await store.listRecordsByParty([])).toEqual([]);
    });
  });

  describe('checkpoints and the change feed', () => {
    it('saves checkpoints only with a batch, keeps the complete flag and resets for a full resync', async () => {
      expect(await store.getCheckpoint(STREAM)).toBeUndefined();
      await store.upsertBatch({ streamKey: STREAM, records: [], checkpoint: { since: '2026-11-01T00:00:00Z' }, source: 'poll', complete: true });
      expect(await store.getCheckpointState(STREAM)).toMatchObject({ value: { since: '2026-11-01T00:00:00Z' }, complete: true });
      await store.upsertBatch({ streamKey: STREAM, records: [ticket('1', '2026-11-01T10:00:00Z')], source: 'webhook' });
      expect(await store.getCheckpoint(STREAM)).toEqual({ since: '2026-11-01T00:00:00Z' });
      expect((await store.listCheckpoints()).map((c) => c.streamKey)).toEqual([STREAM]);
      await store.resetCheckpoint(STREAM);
      expect(await store.getCheckpoint(STREAM)).toBeUndefined();
    });

    it('reads the feed in sequence order from an offset, and keeps consumer offsets', async () => {
      for (let i = 1; i <= 5; i++) await store.upsertBatch({ streamKey: STREAM, records: [ticket(String(i), '2026-11-01T10:00:00Z')], source: 'poll' });
      const all = await store.readChanges({ afterSeq: 0 });
      expect(all.map((e) => e.ref.id)).toEqual(['1', '2', '3', '4', '5']);
      expect(await store.latestSeq()).toBe(all[4]!.seq);
      const page = await store.readChanges({ afterSeq: all[1]!.seq, limit: 2 });
      expect(page.map((e) => e.ref.id)).toEqual(['3', '4']);
      expect(await store.getOffset('router')).toBe(0);
      await store.setOffset('router', page[1]!.seq);
      await store.setOffset('router', page[1]!.seq);
      expect(await store.getOffset('router')).toBe(page[1]!.seq);
      expect((await store.readChanges({ afterSeq: await store.getOffset('router') })).map((e) => e.ref.id)).toEqual(['5']);
      await expect(store.readChanges({ afterSeq: -1 })).rejects.toThrow(/afterSeq must be a non-negative integer/);
    });

    it('keeps concurrent writers from two connections in order and never loses the fresher version', async () => {
      const other = await backend.reopen();
      const writes: Promise<unknown>[] = [];
      for (let i = 0; i < 10; i++) {
        writes.push(store.upsertBatch({ streamKey: STREAM, records: [ticket('1', `2026-11-01T10:${String(i).padStart(2, '0')}:00Z`, { subject: `a${i}` })], source: 'poll' }));
        writes.push(other.upsertBatch({ streamKey: 'webhook:x', records: [ticket('1', `2026-11-01T11:${String(i).padStart(2, '0')}:00Z`, { subject: `b${i}` })], source: 'webhook' }));
      }
      await Promise.all(writes);
      expect((await store.getRecord(ref('ticket', '1')))?.record).toMatchObject({ subject: 'b9' });
      const feed = await store.readChanges({ afterSeq: 0 });
      const seqs = feed.map((e) => e.seq);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      // Each event's before is the previous event's after: no update was lost or reordered.
      for (let i = 1; i < feed.length; i++) expect(feed[i]!.before).toEqual(feed[i - 1]!.after);
    });
  });

  describe('runs', () => {
    it('logs a run from start to finish with its counts and a redacted error', async () => {
      const run = await store.startRun({ stream: STREAM, connection: 'acme' });
      expect(run).toMatchObject({ status: 'running', finishedAt: null, mode: 'incremental', counts: { fetched: 0 } });
      const done = await store.finishRun(run.id, {
        status: 'failed', counts: { fetched: 10, created: 4, updated: 3, unchanged: 2, failed: 1 },
        error: 'GET https://agent:s3cret@acme.freshdesk.com/api/v2/tickets failed',
      });
      expect(done).toMatchObject({ id: run.id, status: 'failed', counts: { fetched: 10, created: 4, updated: 3, unchanged: 2, failed: 1 } });
      expect(done.error).not.toContain('s3cret');
      expect(done.finishedAt).not.toBeNull();
      const second = await store.startRun({ stream: 'freshdesk:acme:contacts', connection: 'acme', mode: 'full' });
      expect((await store.listRuns()).map((r) => r.id)).toEqual([second.id, run.id]);
      expect((await store.listRuns({ stream: STREAM })).map((r) => r.id)).toEqual([run.id]);
      expect(await store.getRun(second.id)).toMatchObject({ mode: 'full', status: 'running' });
      await expect(store.finishRun(999_999, { status: 'succeeded', counts: { fetched: 0, created: 0, updated: 0, unchanged: 0, failed: 0 } })).rejects.toMatchObject({ code: 'STORE_NOT_FOUND' });
      await expect(store.finishRun(run.id, { status: 'succeeded', counts: { fetched: -1, created: 0, updated: 0, unchanged: 0, failed: 0 } })).rejects.toThrow(/counts\.fetched must be a non-negative integer/);
    });
  });

  describe('webhook inbox', () => {
    const item = (n: number) => ({ connector: 'freshdesk', webhook: 'ticket', connection: 'acme', headers: { 'Content-Type': 'application/json', Authorization: 'Basic c2VjcmV0', 'X-Silta-Token': 'keep' }, body: `{"n":${n}}` });

    it('appends durably, claims with a lease, completes and fails', async () => {
      const a = await store.inboxAppend(item(1));
      const b = await store.inboxAppend(item(2));
      const c = await store.inboxAppend(item(3));
      expect(b.id).toBeGreaterThan(a.id);
      const fresh = await backend.reopen();
      const claimed = await fresh.inboxClaim(2, { leaseMs: 60_000 });
      expect(claimed.map((i) => i.id)).toEqual([a.id, b.id]);
      expect(claimed[0]).toMatchObject({ status: 'claimed', attempts: 1, body: '{"n":1}', headers: { 'content-type': 'application/json', 'x-silta-token': 'keep' } });
      expect(claimed[0]!.headers).not.toHaveProperty('authorization');
      expect((await store.inboxClaim(10)).map((i) => i.id)).toEqual([c.id]);
      expect(await store.inboxClaim(10)).toEqual([]);
      await store.inboxComplete(a.id);
      await store.inboxFail(b.id, 'cannot map ticket: missing id');
      expect(await store.inboxGet(b.id)).toMatchObject({ status: 'failed', error: 'cannot map ticket: missing id' });
      expect(await store.inboxCounts()).toEqual({ pending: 0, claimed: 1, done: 1, failed: 1 });
      await expect(store.inboxComplete(999_999)).rejects.toMatchObject({ code: 'STORE_NOT_FOUND' });
    });

    it('accepts a burst of concurrent appends, each durable when its promise resolves, even across close()', async () => {
      const burst = Array.from({ length: 100 }, (_, n) => store.inboxAppend(item(n)));
      const ids = (await Promise.all(burst)).map((r) => r.id);
      expect(new Set(ids).size).toBe(100);
      const late = Array.from({ length: 20 }, (_, n) => store.inboxAppend(item(1000 + n)));
      await store.close();
      await Promise.all(late);
      const again = await backend.reopen();
      expect((await again.inboxCounts()).pending).toBe(120);
      expect((await again.inboxGet(ids[42]!))?.body).toBe('{"n":42}');
    });

    it('hands an item whose lease ran out to the next claimer', async () => {
      const { id } = await store.inboxAppend(item(1));
      const now = Date.now();
      expect((await store.inboxClaim(5, { leaseMs: 1_000, now: new Date(now) })).map((i) => i.id)).toEqual([id]);
      expect(await store.inboxClaim(5, { now: new Date(now + 500) })).toEqual([]);
      const again = await store.inboxClaim(5, { now: new Date(now + 2_000) });
      expect(again).toMatchObject([{ id, attempts: 2 }]);
    });
  });

  describe('outbox', () => {
    const job = (key: string, extra = {}) => ({ key, rule: 'invoice-to-billing', action: 'freshdesk.addNote', connection: 'acme', input: { ticketId: '1', body: 'Hei' }, sourceRef: ref('ticket', '1'), version: '2026-11-01T10:00:00Z', ...extra });

    it('is idempotent by key', async () => {
      const first = await store.outboxEnqueue(job('k1'));
      expect(first).toMatchObject({ created: true, job: { key: 'k1', status: 'pending', attempts: 0, sourceRef: ref('ticket', '1'), input: { ticketId: '1' } } });
      const second = await store.outboxEnqueue(job('k1', { input: { other: true } }));
      expect(second).toEqual({ created: false, job: first.job });
      expect((await store.outboxCounts()).pending).toBe(1);
    });

    it('claims due jobs under a lease, retries later, completes, and dead-letters into the DLQ', async () => {
      const t0 = new Date('2030-01-01T00:00:00Z');
      const a = (await store.outboxEnqueue(job('a', { notBefore: t0 }))).job;
      const b = (await store.outboxEnqueue(job('b', { notBefore: new Date(t0.getTime() + 60_000) }))).job;
      expect((await store.outboxClaim(10, t0)).map((j) => j.id)).toEqual([a.id]);
      expect(await store.outboxClaim(10, new Date(t0.getTime() + 1_000))).toEqual([]); // a is leased, b not yet due
      await store.outboxRetry(a.id, 'HTTP 503 from https://x:pw@acme.freshdesk.com', new Date(t0.getTime() + 30_000));
      expect(await store.outboxGet(a.id)).toMatchObject({ status: 'pending', attempts: 1, lastError: 'HTTP 503 from https://x:***@acme.freshdesk.com', leasedUntil: null });
      const due = await store.outboxClaim(10, new Date(t0.getTime() + 61_000));
      expect(due.map((j) => [j.key, j.attempts])).toEqual([['a', 2], ['b', 1]]);
      await store.outboxComplete(a.id, { noteId: 42 });
      expect(await store.outboxGet('a')).toMatchObject({ status: 'done', output: { noteId: 42 } });
      const entry = await store.outboxDeadLetter(b.id, 'gave up after 5 attempts');
      expect(entry).toMatchObject({ kind: 'action', reason: 'gave up after 5 attempts', source: `outbox:${b.id}`, status: 'open', payload: { key: 'b', rule: 'invoice-to-billing' } });
      expect(await store.outboxCounts()).toEqual({ pending: 0, leased: 0, done: 1, dead: 1 });
      await store.outboxRequeue(b.id);
      expect(await store.outboxGet('b')).toMatchObject({ status: 'pending', attempts: 0 });
      expect(await store.outboxGet('nope')).toBeUndefined();
    });

    it('lets a job whose lease ran out be claimed again (its worker died)', async () => {
      const t0 = new Date('2030-01-01T00:00:00Z');
      const { job: j } = await store.outboxEnqueue(job('c', { notBefore: t0 }));
      await store.outboxClaim(1, t0, { leaseMs: 5_000 });
      expect(await store.outboxClaim(1, new Date(t0.getTime() + 4_000))).toEqual([]);
      expect(await store.outboxClaim(1, new Date(t0.getTime() + 6_000))).toMatchObject([{ id: j.id, attempts: 2 }]);
    });

    it('never hands one job to two concurrent claimers', async () => {
      for (let i = 0; i < 20; i++) await store.outboxEnqueue(job(`p${i}`, { notBefore: '2020-01-01T00:00:00Z' }));
      const other = await backend.reopen();
      const got = await Promise.all([store.outboxClaim(8), other.outboxClaim(8), store.outboxClaim(8), other.outboxClaim(8)]);
      const ids = got.flat().map((j) => j.id);
      expect(ids).toHaveLength(20);
      expect(new Set(ids).size).toBe(20);
    });
  });

  describe('dead-letter queue', () => {
    it('adds, lists, replays and discards entries', async () => {
      const a = await store.dlqAdd({ kind: 'record', reason: 'ticket 5: status must be 2..5, got 9', payload: { id: 5, status: 9 }, source: STREAM });
      const b = await store.dlqAdd({ kind: 'webhook', reason: 'cannot map', payload: { inboxId: 3 }, source: 'freshdesk:acme:ticket' });
      const c = await store.dlqAdd({ kind: 'record', reason: 'bad', payload: { id: 6 }, source: STREAM });
      expect(await store.dlqGet(a.id)).toMatchObject({ kind: 'record', payload: { id: 5, status: 9 }, status: 'open', replays: 0 });
      expect((await store.dlqList()).map((e) => e.id)).toEqual([a.id, b.id, c.id]);
      expect((await store.dlqList({ kind: 'record', limit: 1 })).map((e) => e.id)).toEqual([a.id]);
      await store.dlqMarkReplayed(a.id);
      expect(await store.dlqGet(a.id)).toMatchObject({ status: 'replayed', replays: 1 });
      expect(await store.dlqDiscard(b.id)).toBe(1);
      expect(await store.dlqDiscard(b.id)).toBe(0);
      expect(await store.dlqCount({ status: 'open' })).toBe(1);
      expect(await store.dlqDiscard('all')).toBe(1);
      expect(await store.dlqList()).toEqual([]);
      expect((await store.dlqList({ status: 'all' })).map((e) => e.status)).toEqual(['replayed', 'discarded', 'discarded']);
      await expect(store.dlqDiscard(999_999)).rejects.toMatchObject({ code: 'STORE_NOT_FOUND' });
      await expect(store.dlqAdd({ kind: 'email' as never, reason: 'x', payload: null, source: 's' })).rejects.toThrow(/kind must be record, webhook or action, got "email"/);
    });
  });

  describe('lifecycle', () => {
    it('keeps data across reopen and refuses calls after close', async () => {
      await store.upsertBatch({ streamKey: STREAM, records: [ticket('1', '2026-11-01T10:00:00Z')], checkpoint: { n: 1 }, source: 'poll' });
      await store.close();
      await expect(store.countRecords()).rejects.toMatchObject({ code: 'STORE_CLOSED' });
      const again = await backend.reopen();
      expect(await again.countRecords()).toBe(1);
      expect(await again.getCheckpoint(STREAM)).toEqual({ n: 1 });
      expect(again.kind).toBe(backend.name);
    });
  });
});
