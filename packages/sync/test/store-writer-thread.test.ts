/**
 * SQLite file stores run `upsertBatch` on a writer thread: the event loop stays free while SQLite writes
 * or waits for its lock, failures come back as store errors, and close waits for batches in flight. WAL
 * checkpoints run on a checkpoint thread, not on the connections that commit.
 */
import { mkdirSync, mkdtempSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openStore, type SiltaStore } from '../src/store/index';
import { ticket } from './store-fixtures';

const STREAM = 'freshdesk:acme:tickets';
let dir: string;
const open: SiltaStore[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'silta-writer-'));
});
afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
  rmSync(dir, { recursive: true, force: true });
});

async function store(options: Parameters<typeof openStore>[1] = {}): Promise<{ store: SiltaStore; file: string }> {
  const file = join(dir, 'silta.db');
  const s = await openStore(file, options);
  open.push(s);
  return { store: s, file };
}

/** Ticks of a 5 ms interval while `work` is pending. */
async function ticksDuring<T>(work: Promise<T>): Promise<{ value: T; ticks: number }> {
  let ticks = 0;
  const timer = setInterval(() => { ticks++; }, 5);
  try {
    return { value: await work, ticks };
  } finally {
    clearInterval(timer);
  }
}

describe('SQLite writer thread', () => {
  it('keeps the event loop running while a batch waits for another connection\'s write lock', async () => {
    const { store: s, file } = await store();
    // Warm the thread up, then hold SQLite's write lock from a connection of our own.
    await s.upsertBatch({ streamKey: STREAM, records: [ticket('0', '2026-11-01T10:00:00Z')], source: 'poll' });
    const other = new Database(file);
    other.exec('BEGIN IMMEDIATE');
    const pending = s.upsertBatch({ streamKey: STREAM, records: [ticket('1', '2026-11-01T10:00:00Z')], checkpoint: { n: 1 }, source: 'poll' });
    // Inline, the call would block this thread in SQLite's busy handler, and the lock could never be let go.
    await new Promise((resolve) => setTimeout(resolve, 100));
    other.exec('COMMIT');
    other.close();
    const { value } = await ticksDuring(pending);
    expect(value).toMatchObject({ created: 1 });
    expect(await s.getCheckpoint(STREAM)).toEqual({ n: 1 });
  });

  it('runs inline when asked to, blocking the caller until the batch is written', async () => {
    const { store: s } = await store({ sqliteWriter: 'inline' });
    const records = Array.from({ length: 3000 }, (_, i) => ticket(String(i), '2026-11-01T10:00:00Z'));
    const threaded = await store();
    const inline = await ticksDuring(s.upsertBatch({ streamKey: STREAM, records, source: 'poll' }));
    expect(inline.value.created).toBe(3000);
    expect(inline.ticks).toBe(0);
    // The same batch through the thread lets timers run while it is written.
    const other = threaded.store;
    await other.upsertBatch({ streamKey: 'x:y:z', records: [ticket('warm', '2026-11-01T10:00:00Z')], source: 'poll' });
    const viaThread = await ticksDuring(other.upsertBatch({ streamKey: STREAM, records: records.map((r) => ({ ...r, subject: 'changed' })), source: 'poll' }));
    expect(viaThread.value.updated).toBe(3000);
    expect(viaThread.ticks).toBeGreaterThan(0);
  });

  it('returns a failed transaction as a store error naming the cause, and keeps working', async () => {
    const { store: s, file } = await store();
    await s.upsertBatch({ streamKey: STREAM, records: [ticket('1', '2026-11-01T10:00:00Z')], source: 'poll' });
    const raw = new Database(file);
    raw.exec('ALTER TABLE silta_checkpoints RENAME TO silta_checkpoints_gone');
    const failed = s.upsertBatch({ streamKey: STREAM, records: [ticket('2', '2026-11-01T10:00:00Z')], checkpoint: { n: 2 }, source: 'poll' });
    await expect(failed).rejects.toMatchObject({ code: 'STORE_QUERY_FAILED', message: expect.stringContaining('silta_checkpoints') });
    // Nothing of the failed batch was committed.
    expect(await s.countRecords()).toBe(1);
    raw.exec('ALTER TABLE silta_checkpoints_gone RENAME TO silta_checkpoints');
    raw.close();
    await expect(s.upsertBatch({ streamKey: STREAM, records: [ticket('2', '2026-11-01T10:00:00Z')], checkpoint: { n: 2 }, source: 'poll' })).resolves.toMatchObject({ created: 1 });
  });

  it('fails a batch with STORE_OPEN_FAILED naming the file when the thread cannot open it, and opens again on the next batch', async () => {
    const { store: s, file } = await store();
    // The store's own connection stays on the moved file; the thread finds a directory in its place.
    renameSync(file, `${file}.moved`);
    mkdirSync(file);
    const batch = { streamKey: STREAM, records: [ticket('1', '2026-11-01T10:00:00Z')], source: 'poll' as const };
    await expect(s.upsertBatch(batch)).rejects.toMatchObject({ code: 'STORE_OPEN_FAILED', message: expect.stringContaining(file) });
    rmSync(file, { recursive: true });
    renameSync(`${file}.moved`, file);
    await expect(s.upsertBatch(batch)).resolves.toMatchObject({ created: 1 });
    expect(await s.countRecords()).toBe(1);
  });

  it('lets batches in flight commit before close returns', async () => {
    const { store: s, file } = await store();
    const batches = [1, 2, 3].map((n) => s.upsertBatch({ streamKey: STREAM, records: [ticket(String(n), '2026-11-01T10:00:00Z')], checkpoint: { n }, source: 'poll' }));
    await s.close();
    open.splice(open.indexOf(s), 1);
    await Promise.all(batches);
    const again = await openStore(file, { sqliteWriter: 'inline' });
    open.push(again);
    expect(await again.countRecords()).toBe(3);
    expect(await again.getCheckpoint(STREAM)).toEqual({ n: 3 });
  });
});

describe('SQLite checkpoint thread', () => {
  it('copies committed pages into the database file while the stores\' own connections leave the WAL alone', async () => {
    const { store: s, file } = await store({ sqliteWriter: 'inline' });
    const before = statSync(file).size;
    // About 6 MB of records: far below the 160 MB after which a store's own connection would checkpoint,
    // so the database file (which only checkpoints write) grows only if the checkpoint thread runs.
    const body = 'Hei, laskussani on virhe. '.repeat(60);
    for (let b = 0; b < 8; b++) {
      const records = Array.from({ length: 250 }, (_, i) => ticket(`${b}-${i}`, '2026-11-01T10:00:00Z', { raw: { body } }));
      await s.upsertBatch({ streamKey: STREAM, records, source: 'poll' });
    }
    await vi.waitFor(() => expect(statSync(file).size).toBeGreaterThan(before + 4_000_000), { timeout: 15_000, interval: 50 });
  });
});

