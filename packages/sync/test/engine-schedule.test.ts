import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '@silta/kit';
import { openSqliteStore as openStore } from '../src/store/sqlite';
import type { SiltaStore } from '../src/store/types';
import { parseEvery } from '../src/engine/every';
import { createLimiter } from '../src/engine/limiter';
import { startScheduler, sleep } from '../src/engine/scheduler';
import { createSyncEngine } from '../src/engine/sync-engine';
import { connection } from '../src/config/define-config';
import { fakeConnector, newSource } from './engine-fixtures';

describe('parseEvery', () => {
  it('reads intervals the way people write them', () => {
    expect(parseEvery('5 minutes')).toBe(300_000);
    expect(parseEvery('every 30 seconds')).toBe(30_000);
    expect(parseEvery('1h')).toBe(3_600_000);
    expect(parseEvery('1.5 hours')).toBe(5_400_000);
    expect(parseEvery('250')).toBe(250);
  });

  it('names the text and shows the expected form when it cannot read it', () => {
    expect(() => parseEvery('soon', 'schedule.every')).toThrow(/schedule.every "soon" is not an interval; write a number and a unit/);
    expect(() => parseEvery('5 fortnights')).toThrow(/not an interval/);
    expect(() => parseEvery('0 minutes')).toThrow(/not an interval/);
  });
});

describe('createLimiter', () => {
  it('never runs more than the limit at once and runs everything', async () => {
    const limiter = createLimiter(2);
    let active = 0;
    let peak = 0;
    const done = await Promise.all(Array.from({ length: 7 }, (_, i) => limiter.run(async () => {
      peak = Math.max(peak, ++active);
      await sleep(5);
      active--;
      return i;
    })));
    expect(peak).toBe(2);
    expect(done).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('rejects a limit below one', () => {
    expect(() => createLimiter(0)).toThrow(/at least 1, got 0/);
  });
});

describe('startScheduler', () => {
  it('runs a job at once and again after each interval, never overlapping itself, until stopped', async () => {
    let running = 0;
    let overlapped = false;
    let runs = 0;
    const scheduler = startScheduler([{
      key: 'a', everyMs: 10,
      run: async () => { if (running++) overlapped = true; runs++; await sleep(15); running--; },
    }], { logger: silentLogger });
    // Waits for the runs instead of a fixed time: a loaded machine may stretch the intervals.
    await vi.waitFor(() => expect(runs).toBeGreaterThanOrEqual(3), { timeout: 10_000, interval: 10 });
    await scheduler.stop();
    expect(overlapped).toBe(false);
    const after = runs;
    await sleep(40);
    expect(runs).toBe(after);
  });

  it('keeps the schedule going after a run throws', async () => {
    let runs = 0;
    const scheduler = startScheduler([{ key: 'b', everyMs: 5, run: async () => { runs++; throw new Error('vendor down'); } }], { logger: silentLogger });
    await vi.waitFor(() => expect(runs).toBeGreaterThanOrEqual(3), { timeout: 10_000, interval: 10 });
    await scheduler.stop();
  });
});

describe('createSyncEngine', () => {
  let dir: string;
  let store: SiltaStore;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'silta-engine-'));
    store = await openStore(join(dir, 'silta.db'));
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs every stream of every connection once and respects each connection\'s concurrency', async () => {
    let active = 0;
    let peak = 0;
    const source = newSource(30, 10);
    source.beforePage = async () => { peak = Math.max(peak, ++active); await sleep(10); active--; };
    const engine = createSyncEngine({
      store,
      connections: {
        one: connection(fakeConnector(source), { label: 'one' }, { concurrency: 1 }),
      },
    });
    const summaries = await engine.runOnce();
    expect(summaries.map((s) => `${s.connection}/${s.stream}:${s.status}`).sort()).toEqual(['one/contacts:succeeded', 'one/tickets:succeeded']);
    expect(peak).toBe(1);
    expect(await store.countRecords({ connection: 'one' })).toBe(30);
  });

  it('selects streams by name, connection/stream or connection, and refuses unknown names', () => {
    const engine = createSyncEngine({
      store,
      connections: { a: connection(fakeConnector(newSource(1)), { label: 'a' }), b: connection(fakeConnector(newSource(1)), { label: 'b' }) },
    });
    expect(engine.plan(['tickets'])).toEqual([{ connection: 'a', stream: 'tickets' }, { connection: 'b', stream: 'tickets' }]);
    expect(engine.plan(['b/contacts', 'b/contacts'])).toEqual([{ connection: 'b', stream: 'contacts' }]);
    expect(engine.plan(['a'])).toHaveLength(2);
    expect(() => engine.plan(['orders'])).toThrow(/no connection has a stream or is named "orders"/);
    expect(() => engine.plan(['c/tickets'])).toThrow(/no connection named "c"/);
  });

  it('runs selected streams on their schedule until stopped', async () => {
    const source = newSource(5);
    const engine = createSyncEngine({
      store,
      connections: { a: connection(fakeConnector(source), { label: 'a' }) },
      schedule: { every: '1 hour', streams: { 'a/tickets': '20 ms' } },
    });
    const scheduler = engine.schedule({ select: ['a/tickets'] });
    await vi.waitFor(async () => expect((await store.listRuns({ stream: 'fake:a:tickets' })).length).toBeGreaterThanOrEqual(3), { timeout: 10_000, interval: 20 });
    await scheduler.stop();
    const runs = await store.listRuns({ stream: 'fake:a:tickets' });
    expect(runs.length).toBeGreaterThanOrEqual(3);
    expect(runs.every((r) => r.status === 'succeeded')).toBe(true);
  });
});
