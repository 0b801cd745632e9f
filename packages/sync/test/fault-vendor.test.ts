import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFreshdeskClient, freshdesk } from '@silta/freshdesk';
import { createFreshdeskSimulator, type FreshdeskSimulator, type FreshdeskSimulatorOptions } from '@silta/freshdesk/testing';
import { openSqliteStore } from '../src/store/sqlite';
import type { SiltaStore } from '../src/store/types';
import { runStream } from '../src/engine/run-stream';
import type { RunSummary } from '../src/engine/types';
import { wait } from './crash-helpers';

// The engine against the Freshdesk simulator's faults: every scenario must end with each listable ticket
// stored exactly once — by retrying inside the run, or by failing cleanly and resuming on the next run.

let dir: string;
let store: SiltaStore;
let sim: FreshdeskSimulator | undefined;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'silta-fault-'));
  store = await openSqliteStore(join(dir, 'silta.db'));
});
afterEach(async () => {
  await store.close();
  await sim?.stop();
  sim = undefined;
  rmSync(dir, { recursive: true, force: true });
});

async function simulator(options: FreshdeskSimulatorOptions): Promise<FreshdeskSimulator> {
  sim = createFreshdeskSimulator({ seed: 3, ...options });
  await sim.start();
  return sim;
}

/** Runs the tickets stream with a client that retries fast (the delays are the kit's concern, not ours). */
function syncTickets(s: FreshdeskSimulator, client: { timeoutMs?: number; retries?: number; budget?: { requestsPerMinute: number; windowSeconds: number } } = {}): Promise<RunSummary> {
  const conn = freshdesk({ domain: 'yritys', baseUrl: s.url, apiKey: s.apiKey, ...client.budget });
  const http = createFreshdeskClient(conn.config, {
    retry: { retries: client.retries ?? 6, minTimeoutMs: 5, maxTimeoutMs: 50 }, ...(client.timeoutMs ? { timeoutMs: client.timeoutMs } : {}),
  });
  return runStream({ store, connector: conn.connector, connectionName: 'helpdesk', config: conn.config, client: http, stream: 'tickets' });
}

async function expectEveryTicketOnce(s: FreshdeskSimulator): Promise<void> {
  const expected = s.state.sortedTickets('updated_at', 'asc').map((t) => String(t.id)).sort();
  const cases = await store.listRecords({ system: 'freshdesk', entity: 'case', limit: 10_000 });
  expect(cases.map((c) => c.ref.id).sort()).toEqual(expected);
  const created = new Map<string, number>();
  for (const e of await store.readChanges({ afterSeq: 0, limit: 10_000 })) {
    if (e.entity === 'case' && e.kind === 'created') created.set(e.key, (created.get(e.key) ?? 0) + 1);
  }
  expect(created.size).toBe(expected.length);
  expect([...created.values()].every((n) => n === 1)).toBe(true);
}

describe('sync under vendor faults', () => {
  it('rides out a 429 storm: waits for the window, then stores every ticket once', async () => {
    // 5 requests a second for the whole account, and a noisy neighbour spending most of them, so the
    // sync's requests keep meeting 429 + Retry-After.
    const s = await simulator({ tickets: 400, requestsPerWindow: 5, windowSeconds: 1, chargeIncludes: false });
    const auth = `Basic ${Buffer.from(`${s.apiKey}:X`).toString('base64')}`;
    const neighbour = setInterval(() => {
      void fetch(`${s.url}/api/v2/groups`, { headers: { authorization: auth } }).then((r) => r.arrayBuffer(), () => undefined);
    }, 200);
    // And a burst of bare 429s (no Retry-After) on the tickets listing itself.
    s.state.failNext({ mode: 'status', status: 429, path: '/tickets', times: 8 });
    try {
      const summary = await syncTickets(s, { retries: 40, budget: { requestsPerMinute: 5, windowSeconds: 1 } });
      expect(summary.status).toBe('succeeded');
    } finally {
      clearInterval(neighbour);
    }
    expect(s.state.counters.http429).toBeGreaterThan(0);
    expect(s.state.counters.byStatus[429]).toBeGreaterThanOrEqual(9);
    await expectEveryTicketOnce(s);
  }, 60_000);

  it('retries 5xx bursts and dropped connections', async () => {
    const s = await simulator({ tickets: 800, faults: { errorRate: 0.25, dropRate: 0.1 } });
    s.state.failNext({ mode: 'error', path: '/tickets', status: 503, times: 3 });
    const summary = await syncTickets(s);
    expect(summary.status).toBe('succeeded');
    expect(s.state.counters.faults.error + s.state.counters.faults.scripted).toBeGreaterThan(0);
    await expectEveryTicketOnce(s);
  });

  it('retries requests that time out', async () => {
    const s = await simulator({ tickets: 500, faults: { latencyMs: [0, 300] } });
    const summary = await syncTickets(s, { timeoutMs: 150, retries: 20 });
    expect(summary.status).toBe('succeeded');
    await expectEveryTicketOnce(s);
  });

  it('retries truncated JSON bodies', async () => {
    const s = await simulator({ tickets: 800, faults: { truncateRate: 0.3 } });
    const summary = await syncTickets(s);
    expect(summary.status).toBe('succeeded');
    expect(s.state.counters.faults.truncate).toBeGreaterThan(0);
    await expectEveryTicketOnce(s);
  });

  it('fails cleanly when the vendor stays down, keeps what was committed, and the next run resumes', async () => {
    const s = await simulator({ tickets: 1200, faults: { latencyMs: [5, 10] } });
    const running = syncTickets(s, { retries: 2 });
    while ((await store.countRecords({ system: 'freshdesk', entity: 'case' })) < 300) await wait(5);
    s.state.failNext({ mode: 'error', path: '/tickets', status: 500, times: 1_000 });
    const failed = await running;
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(/500/);
    const kept = await store.countRecords({ system: 'freshdesk', entity: 'case' });
    expect(kept).toBeGreaterThanOrEqual(300);
    expect(await store.getCheckpoint('freshdesk:helpdesk:tickets')).toBeDefined();
    expect((await store.listRuns({ limit: 1 }))[0]).toMatchObject({ status: 'failed' });

    s.state.scripted.length = 0; // the vendor is back
    const rerun = await syncTickets(s);
    expect(rerun.status).toBe('succeeded');
    // Exactly once across both runs: what the failed run committed was not created again.
    expect(failed.counts.created + rerun.counts.created).toBe(2 * s.state.sortedTickets('updated_at', 'asc').length);
    await expectEveryTicketOnce(s);
  });
});
