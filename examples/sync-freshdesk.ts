/**
 * Syncs a simulated Freshdesk account into a local SQLite store with the sync engine, resumes
 * incrementally, runs a full resync of one stream, and prints the counts. No account needed.
 *
 *   node --conditions=@silta/source --import tsx examples/sync-freshdesk.ts
 *
 * Against a real account, replace the simulator's `baseUrl` with your `domain` and take the API key from
 * FRESHDESK_API_KEY (see docs/sync.md).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshdesk } from '@silta/freshdesk';
import { createFreshdeskSimulator } from '@silta/freshdesk/testing';
import { createSyncEngine, defineConfig, openStore, type RunSummary } from '@silta/sync';

// A generous budget keeps the example quick; a real account allows 50–700 requests a minute.
const sim = createFreshdeskSimulator({ tickets: 1500, seed: 42, requestsPerMinute: 20_000 });
await sim.start();
const dir = mkdtempSync(join(tmpdir(), 'silta-example-'));

const config = defineConfig({
  store: join(dir, 'silta.db'),
  connections: {
    helpdesk: { ...freshdesk({ domain: 'yritys', baseUrl: sim.url, apiKey: sim.apiKey }), concurrency: 2, streams: ['tickets', 'contacts'] },
  },
  schedule: { every: '5 minutes' },
});

const store = await openStore(config.store);
const print = (s: RunSummary) => console.log(
  `${s.connection}/${s.stream.padEnd(9)} ${s.status} in ${s.finishedAt.getTime() - s.startedAt.getTime()} ms: `
  + `${s.counts.fetched} fetched, ${s.counts.created} created, ${s.counts.updated} updated, ${s.counts.unchanged} unchanged, ${s.counts.failed} dead-lettered`,
);
const engine = createSyncEngine({ store, connections: config.connections, onRun: print });

try {
  console.log('first run (backfill):');
  await engine.runOnce();
  console.log(`\nstored: ${await store.countRecords({ entity: 'case' })} cases, ${await store.countRecords({ entity: 'party' })} people`);

  console.log('\nsecond run (incremental, resumes from the checkpoints):');
  await engine.runOnce();

  console.log('\nfull resync of the tickets stream (unchanged records emit nothing):');
  await engine.runOnce({ select: ['helpdesk/tickets'], full: true });

  const runs = await store.listRuns({ limit: 10 });
  console.log(`\nrun log: ${runs.map((r) => `#${r.id} ${r.stream} ${r.mode} ${r.status}`).join(', ')}`);
} finally {
  await store.close();
  await sim.stop();
  rmSync(dir, { recursive: true, force: true });
}
