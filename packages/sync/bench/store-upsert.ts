/**
 * Store-only throughput: upsertBatch of synthetic Freshdesk-like cases (about 1 KB of raw payload each) in
 * batches with a checkpoint, on SQLite (a temp file) and on PostgreSQL when reachable. One JSON line per store.
 *
 *   pnpm bench store-upsert            # 50,000 records, batches of 1,000
 *   STORE_BENCH_RECORDS=200000 pnpm bench store-upsert
 *   STORE_BENCH_STORES=sqlite pnpm bench store-upsert   # one store only (sqlite or postgres)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Case } from '@silta/model';
import pg from 'pg';
import { availablePostgres } from '../../../test/services';
import { openStore, type SiltaStore } from '../src/store/index';

const TOTAL = Number(process.env.STORE_BENCH_RECORDS ?? 50_000);
const BATCH = Number(process.env.STORE_BENCH_BATCH ?? 1_000);
const STORES = new Set((process.env.STORE_BENCH_STORES ?? 'sqlite,postgres').split(','));

function makeCase(i: number, version: number): Case {
  const updatedAt = new Date(Date.UTC(2026, 0, 1) + i * 1000 + version * 86_400_000).toISOString();
  return {
    entity: 'case',
    ref: { system: 'freshdesk', connection: 'bench', type: 'ticket', id: String(i) },
    partyRef: { system: 'freshdesk', connection: 'bench', type: 'contact', id: String(i % 5000) },
    status: 'open', priority: 'medium', channel: 'email', subject: `Lasku ${i} – hyvitys äöå`, tags: ['lasku'],
    createdAt: updatedAt, updatedAt, reopenCount: 0,
    raw: {
      id: i, subject: `Lasku ${i}`, description_text: 'Hei, laskussani on virhe. '.repeat(20), status: 2, priority: 2,
      source: 1, requester_id: i % 5000, tags: ['lasku'], custom_fields: { cf_order: `T-${i}` }, updated_at: updatedAt,
      stats: { agent_responded_at: null, first_responded_at: null, status_updated_at: updatedAt },
    },
  };
}

async function run(store: SiltaStore, label: string): Promise<void> {
  const batches = Math.ceil(TOTAL / BATCH);
  const pass = async (version: number) => {
    // The records are built first: this measures the store, not the source.
    const input = Array.from({ length: batches }, (_, b) =>
      Array.from({ length: Math.min(BATCH, TOTAL - b * BATCH) }, (_, k) => makeCase(b * BATCH + k, version)));
    (globalThis as { gc?: () => void }).gc?.();
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    let written = 0;
    for (let b = 0; b < batches; b++) {
      const res = await store.upsertBatch({ streamKey: 'freshdesk:bench:tickets', records: input[b]!, checkpoint: { page: b, version }, source: 'poll' });
      written += res.created + res.updated + res.unchanged;
    }
    const cpu = process.cpuUsage(cpu0);
    return { written, s: (performance.now() - t0) / 1000, cpuS: (cpu.user + cpu.system) / 1e6 };
  };
  for (const [phase, version] of [['insert', 0], ['unchanged', 0], ['update', 1]] as const) {
    const { written, s, cpuS } = await pass(version);
    console.log(JSON.stringify({
      name: 'store-upsert', store: label, phase, records: written, batch: BATCH, wall_s: Number(s.toFixed(3)),
      records_per_s: Math.round(written / s),
      // This process's CPU time only (the PostgreSQL server's is not in it); on a busy machine it shows what
      // the store itself costs.
      cpu_s: Number(cpuS.toFixed(3)), peak_rss_mb: Math.round(process.memoryUsage().rss / 1e6),
    }));
  }
}

const dir = mkdtempSync(join(tmpdir(), 'silta-store-bench-'));
try {
  if (STORES.has('sqlite')) {
    const sqlite = await openStore(join(dir, 'bench.db'));
    await run(sqlite, 'sqlite');
    await sqlite.close();
  }
  const url = STORES.has('postgres') ? await availablePostgres() : undefined;
  if (url) {
    const schema = `silta_bench_${process.pid}`;
    const store = await openStore(url, { schema });
    try { await run(store, 'postgres'); } finally {
      await store.close();
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`drop schema if exists "${schema}" cascade`);
      await client.end();
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
