import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStore as openStore } from '../src/store/sqlite';
import type { SiltaStore } from '../src/store/types';
import { runStream } from '../src/engine/run-stream';
import type { EngineError } from '../src/engine/errors';
import { fakeConnector, newSource, type FakeSource } from './engine-fixtures';

let dir: string;
let store: SiltaStore;
const KEY = 'fake:helpdesk:tickets';

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'silta-engine-'));
  store = await openStore(join(dir, 'silta.db'));
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

function run(source: FakeSource, extra: Partial<Parameters<typeof runStream>[0]> = {}) {
  return runStream({ store, connector: fakeConnector(source), connectionName: 'helpdesk', config: { label: 'x' }, stream: 'tickets', ...extra });
}

describe('runStream', () => {
  it('stores every record once, saves the last checkpoint and logs a succeeded run with counts', async () => {
    const source = newSource(35);
    const progress: number[] = [];
    const summary = await run(source, { onProgress: (p) => progress.push(p.fetched) });

    expect(summary.status).toBe('succeeded');
    expect(summary.counts).toMatchObject({ fetched: 35, created: 35, updated: 0, unchanged: 0, failed: 0 });
    expect(summary.batches).toBe(4);
    expect(progress).toEqual([10, 20, 30, 35]);
    expect(await store.countRecords({ system: 'fake' })).toBe(35);
    expect(await store.getCheckpoint(KEY)).toEqual({ after: 35 });
    const [logged] = await store.listRuns({ stream: KEY });
    expect(logged).toMatchObject({ status: 'succeeded', counts: { fetched: 35, created: 35, failed: 0 } });
  });

  it('resumes from the saved checkpoint on the next run', async () => {
    const source = newSource(20);
    await run(source);
    source.items.push({ id: 21, version: 1 }, { id: 22, version: 1 });
    const second = await run(source);

    expect(source.startedFrom).toEqual([undefined, { after: 20 }]);
    expect(second.counts).toMatchObject({ fetched: 2, created: 2 });
    expect(await store.countRecords({ system: 'fake' })).toBe(22);
  });

  it('ends a run that throws as failed, keeps the checkpoint at the last durable batch, and the rerun loses nothing', async () => {
    const source = newSource(50);
    source.failAtPage = 2;
    const failed = await run(source);

    expect(failed.status).toBe('failed');
    expect(failed.error).toContain('503');
    expect(await store.getCheckpoint(KEY)).toEqual({ after: 20 });
    expect(await store.countRecords({ system: 'fake' })).toBe(20);
    expect((await store.listRuns({ stream: KEY }))[0]).toMatchObject({ status: 'failed' });

    const rerun = await run(source);
    expect(rerun.status).toBe('succeeded');
    expect(source.startedFrom[1]).toEqual({ after: 20 });
    expect(rerun.counts.created).toBe(30);
    expect(await store.countRecords({ system: 'fake' })).toBe(50);
  });

  it('dead-letters rejected payloads with their reason and keeps the good records of the batch', async () => {
    const source = newSource(12);
    source.rejectIds = new Set([3, 11]);
    const summary = await run(source);

    expect(summary.status).toBe('succeeded');
    expect(summary.counts).toMatchObject({ fetched: 12, created: 10, failed: 2 });
    const letters = await store.dlqList({ kind: 'record' });
    expect(letters.map((l) => (l.payload as { id: number }).id)).toEqual([3, 11]);
    expect(letters[0]).toMatchObject({ source: KEY, reason: expect.stringContaining('invalid value "bogus"') });
  });

  it('infers deletes after a complete enumeration from scratch', async () => {
    const source = newSource(10);
    await run(source);
    source.items = source.items.filter((i) => i.id !== 4 && i.id !== 7);
    const resync = await run(source, { full: true });

    expect(resync.deletesInferred).toBe(true);
    expect(resync.counts.deleted).toBe(2);
    expect(await store.countRecords({ system: 'fake' })).toBe(8);
    expect((await store.getRecord('fake:helpdesk:ticket:4'))?.deleted).toBe(true);
  });

  it('does not infer deletes from an incremental run, a run with rejects or a failed run', async () => {
    const source = newSource(10);
    await run(source);
    source.items = source.items.filter((i) => i.id !== 4);

    const incremental = await run(source);
    expect(incremental.deletesInferred).toBe(false);

    source.rejectIds = new Set([9]);
    const withRejects = await run(source, { full: true });
    expect(withRejects.deletesInferred).toBe(false);

    source.rejectIds = undefined;
    source.failAtPage = 0;
    const failed = await run(source, { full: true });
    expect(failed.status).toBe('failed');
    expect(failed.deletesInferred).toBe(false);
    expect(await store.countRecords({ system: 'fake' })).toBe(10);
  });

  it('starts over on a full resync: the stream gets no checkpoint and unchanged records emit nothing', async () => {
    const source = newSource(15);
    await run(source);
    const resync = await run(source, { full: true });

    expect(source.startedFrom).toEqual([undefined, undefined]);
    expect(resync.counts).toMatchObject({ fetched: 15, created: 0, updated: 0, unchanged: 15 });
    expect((await store.listRuns({ stream: KEY }))[0]).toMatchObject({ mode: 'full', status: 'succeeded' });
  });

  it('fails with CHECKPOINT_INVALID naming the field when the saved checkpoint no longer fits', async () => {
    await store.upsertBatch({ streamKey: KEY, records: [], checkpoint: { after: 'yesterday' }, source: 'poll' });
    const summary = await run(newSource(5));

    expect(summary.status).toBe('failed');
    expect((summary.cause as EngineError).code).toBe('CHECKPOINT_INVALID');
    expect(summary.error).toMatch(/at after/);
  });

  it('stops between batches when the signal aborts and keeps what was committed', async () => {
    const source = newSource(50);
    const controller = new AbortController();
    source.beforePage = (page) => { if (page === 3) controller.abort(); };
    const summary = await run(source, { signal: controller.signal });

    expect(summary.status).toBe('aborted');
    expect(await store.countRecords({ system: 'fake' })).toBe(30);
    expect(await store.getCheckpoint(KEY)).toEqual({ after: 30 });
  });

  it('retries a batch when the database connection drops and stores it once', async () => {
    const source = newSource(30);
    let drops = 0;
    const flaky: SiltaStore = Object.create(store);
    flaky.upsertBatch = async (input) => {
      if (drops++ === 1) throw Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });
      return store.upsertBatch(input);
    };
    const summary = await run(source, { store: flaky });

    expect(summary.status).toBe('succeeded');
    expect(summary.counts.created).toBe(30);
    expect(await store.countRecords({ system: 'fake' })).toBe(30);
  });

  it('reads and prepares the next batch while the previous one is being written', async () => {
    const source = newSource(30);
    const log: string[] = [];
    let release!: () => void;
    const firstWrite = new Promise<void>((resolve) => { release = resolve; });
    source.beforePage = (page) => {
      log.push(`read ${page}`);
      if (page === 1) setTimeout(release, 20);
    };
    const slow: SiltaStore = Object.create(store);
    let writes = 0;
    slow.upsertBatch = async (input) => {
      const n = writes++;
      if (n === 0) await firstWrite;
      const res = await store.upsertBatch(input);
      log.push(`committed ${n}`);
      return res;
    };
    const summary = await runStream({ store: slow, connector: fakeConnector(source), connectionName: 'helpdesk', config: { label: 'x' }, stream: 'tickets' });
    expect(summary).toMatchObject({ status: 'succeeded', batches: 3, counts: { created: 30 } });
    // Page 1 was read while batch 0 was still being written; batch 1 was only written after batch 0 committed.
    expect(log).toEqual(['read 0', 'read 1', 'committed 0', 'read 2', 'committed 1', 'committed 2']);
  });

  it('writes no later batch once a batch fails, so its checkpoint is never skipped', async () => {
    const source = newSource(40);
    const broken: SiltaStore = Object.create(store);
    let writes = 0;
    broken.upsertBatch = async (input) => {
      if (writes++ === 1) throw new Error('disk I/O error');
      return store.upsertBatch(input);
    };
    const summary = await runStream({ store: broken, connector: fakeConnector(source), connectionName: 'helpdesk', config: { label: 'x' }, stream: 'tickets' });
    expect(summary.status).toBe('failed');
    expect(summary.error).toContain('disk I/O error');
    expect(writes).toBe(2);
    expect(await store.getCheckpoint(KEY)).toEqual({ after: 10 });
    expect(await store.countRecords({ system: 'fake' })).toBe(10);
  });

  it('refuses a stream the connector does not have, naming the ones it has', async () => {
    await expect(run(newSource(1), { stream: 'orders' })).rejects.toThrow(/no stream "orders"; it has tickets, contacts/);
  });
});
