import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFreshdeskSimulator, type FreshdeskSimulator } from '@silta/freshdesk/testing';
import { openSqliteStore } from '../src/store/sqlite';
import type { SiltaStore } from '../src/store/types';
import { seededRandom, spawnSync, wait } from './crash-helpers';

const TICKETS = 3000;
const KILLS = 5;
const SEED = Number(process.env.SILTA_CRASH_SEED ?? Date.now() % 100_000);

describe('a sync killed with SIGKILL at random points', () => {
  let sim: FreshdeskSimulator;
  let dir: string;
  let db: string;
  let store: SiltaStore;

  beforeAll(async () => {
    // Some latency so a run takes long enough to be killed in the middle of it.
    sim = createFreshdeskSimulator({ tickets: TICKETS, seed: 11, requestsPerMinute: 1_000_000, faults: { latencyMs: [5, 25] } });
    await sim.start();
    dir = mkdtempSync(join(tmpdir(), 'silta-crash-'));
    db = join(dir, 'silta.db');
    store = await openSqliteStore(db);
  });
  afterAll(async () => {
    await store?.close();
    await sim?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it(`stores every ticket exactly once after ${KILLS} kills and restarts (seed ${SEED})`, async () => {
    const random = seededRandom(SEED);
    const expected = sim.state.sortedTickets('updated_at', 'asc').map((t) => String(t.id));
    let killedMidRun = 0;

    for (let i = 0; i < KILLS; i++) {
      const before = await store.countRecords({ system: 'freshdesk', entity: 'case' });
      // Kill once the child has committed a random share of what is left (or at a random moment of its start-up).
      const target = before + Math.max(1, Math.floor(random() * (expected.length - before) * 0.8));
      const startupKill = random() < 0.2 ? 300 + random() * 1500 : Infinity;
      const run = spawnSync({ db, baseUrl: sim.url, apiKey: sim.apiKey });
      const started = Date.now();
      let done = false;
      void run.exited.then(() => { done = true; });
      while (!done && Date.now() - started < startupKill && (await store.countRecords({ system: 'freshdesk', entity: 'case' })) < target) {
        await wait(15);
      }
      if (!done) {
        run.child.kill('SIGKILL');
        killedMidRun++;
      }
      const exit = await run.exited;
      if (!done) expect(exit.signal).toBe('SIGKILL');
    }
    expect(killedMidRun).toBeGreaterThanOrEqual(KILLS - 1);

    const final = await spawnSync({ db, baseUrl: sim.url, apiKey: sim.apiKey }).exited;
    expect(final.code, final.stderr).toBe(0);

    const cases = await store.listRecords({ system: 'freshdesk', entity: 'case', limit: 10_000, order: 'key' });
    const ids = cases.map((c) => c.ref.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual([...expected].sort());
    expect(await store.countRecords({ system: 'freshdesk', entity: 'interaction' })).toBe(expected.length);

    // Exactly once in the change feed too: one `created` event per ticket, however often the run restarted.
    const created = new Map<string, number>();
    for (let after = 0; ;) {
      const events = await store.readChanges({ afterSeq: after, limit: 10_000 });
      if (events.length === 0) break;
      for (const e of events) if (e.entity === 'case' && e.kind === 'created') created.set(e.key, (created.get(e.key) ?? 0) + 1);
      after = events[events.length - 1]!.seq;
    }
    expect(created.size).toBe(expected.length);
    expect([...created.values()].every((n) => n === 1)).toBe(true);

    const [last] = await store.listRuns({ limit: 1 });
    expect(last).toMatchObject({ status: 'succeeded' });
  }, 240_000);
});
