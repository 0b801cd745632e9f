import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Case } from '@silta/model';
import { createFreshdeskSimulator, type FreshdeskSimulator } from '@silta/freshdesk/testing';
import { openSqliteStore } from '../src/store/sqlite';
import type { SiltaStore } from '../src/store/types';
import { seededRandom, spawnSync, wait } from './crash-helpers';
import { CRASH_TAG } from './crash-rules';

const TICKETS = 2000;
const KILLS = 6;
// Jobs claimed by a killed process become claimable again when their lease runs out; keep it short here.
const LEASE = { CRASH_LEASE_MS: '1500' };
const SEED = Number(process.env.SILTA_CRASH_SEED ?? Date.now() % 100_000);

describe('sync, routing and delivery killed with SIGKILL at random points', () => {
  let sim: FreshdeskSimulator;
  let dir: string;
  let db: string;
  let store: SiltaStore;

  beforeAll(async () => {
    sim = createFreshdeskSimulator({ tickets: TICKETS, seed: 23, requestsPerMinute: 1_000_000, faults: { latencyMs: [3, 15] } });
    await sim.start();
    dir = mkdtempSync(join(tmpdir(), 'silta-crash-actions-'));
    db = join(dir, 'silta.db');
    store = await openSqliteStore(db);
  });
  afterAll(async () => {
    await store?.close();
    await sim?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it(`stores every ticket once and posts every note once after ${KILLS} kills (seed ${SEED})`, async () => {
    const random = seededRandom(SEED);
    // Some notes are saved by the vendor but their 201 never arrives: the retry must find them, not repost.
    sim.state.failNext({ method: 'POST', path: '/notes', mode: 'drop', afterCommit: true, times: 3 });
    const cases = () => store.countRecords({ system: 'freshdesk', entity: 'case' });
    const delivered = async () => (await store.outboxCounts()).done;
    let kills = 0;

    for (let i = 0; i < KILLS; i++) {
      // Half the kills land while tickets are syncing, half while notes are being delivered.
      const duringSync = random() < 0.5 && (await cases()) < TICKETS * 0.9;
      const start = duringSync ? await cases() : await delivered();
      const target = start + 1 + Math.floor(random() * (duringSync ? 600 : 25));
      const run = spawnSync({ db, baseUrl: sim.url, apiKey: sim.apiKey, rules: true, env: LEASE });
      let done = false;
      void run.exited.then(() => { done = true; });
      while (!done && (duringSync ? await cases() : await delivered()) < target) await wait(10);
      if (!done) {
        run.child.kill('SIGKILL');
        kills++;
      }
      await run.exited;
    }
    expect(kills).toBeGreaterThanOrEqual(KILLS / 2);

    // Restart until the jobs the killed processes held have been delivered (their leases lapse first).
    for (let restarts = 0; ; restarts++) {
      const final = await spawnSync({ db, baseUrl: sim.url, apiKey: sim.apiKey, rules: true, env: LEASE }).exited;
      expect(final.code, final.stderr).toBe(0);
      const open = await store.outboxCounts();
      if (open.leased + open.pending === 0 || restarts === 5) break;
      await wait(1600);
    }

    const stored = await store.listRecords({ system: 'freshdesk', entity: 'case', limit: 10_000 });
    expect(new Set(stored.map((c) => c.key)).size).toBe(sim.state.sortedTickets('updated_at', 'asc').length);

    const shouldFire = stored.filter((s) => {
      const c = s.record as Case;
      return c.tags.includes(CRASH_TAG) && (c.status === 'open' || c.status === 'pending');
    });
    const notes = sim.state.notesByMarker();
    const counts = await store.outboxCounts();
    expect(shouldFire.length).toBeGreaterThan(0);
    expect(counts).toMatchObject({ done: shouldFire.length, pending: 0, leased: 0, dead: 0 });
    expect(notes.size).toBe(shouldFire.length);
    expect([...notes.entries()].filter(([, n]) => n !== 1)).toEqual([]);
  }, 300_000);
});
