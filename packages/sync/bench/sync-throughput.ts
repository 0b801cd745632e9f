// `pnpm bench sync-throughput [--records N] [--batch N] [--stores sqlite,postgres] [--sqlite-writer thread|inline]`: records per second from a zero-latency in-process
// source through mapping (Freshdesk ticket payload ⇒ Case with the connector's real mapper), upsert and
// checkpoint, one line per store. PostgreSQL runs when SILTA_TEST_POSTGRES_URL (or the default local
// server) answers, in a throwaway schema.
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { defineConnector, defineStream } from '@silta/kit';
import type { CanonicalRecord } from '@silta/model';
import { TicketSchema } from '@silta/freshdesk';
import { openStore } from '../src/store';
import type { SiltaStore } from '../src/store/types';
import { runStream } from '../src/engine/run-stream';
import { availablePostgres } from '../../../test/services';
import { cpuByProcess, cpuSpent } from './_proc';
import { wholeNumberArg } from './_args';
import { ticketPayload } from './_tickets';

const RECORDS = wholeNumberArg('records', 200_000);
const BATCH = wholeNumberArg('batch', 500);
const WRITER = (() => {
  const i = process.argv.indexOf('--sqlite-writer');
  const v = i >= 0 ? process.argv[i + 1] : 'thread';
  if (v !== 'thread' && v !== 'inline') throw new Error('--sqlite-writer must be thread or inline');
  return v;
})();
const STORES = (() => {
  const i = process.argv.indexOf('--stores');
  return new Set((i >= 0 ? process.argv[i + 1] ?? '' : 'sqlite,postgres').split(','));
})();

type Mapper = (payload: ReturnType<typeof ticketPayload>, connection: string) => CanonicalRecord;

async function loadMapper(): Promise<{ map: Mapper; mapper: string }> {
  const mod = (await import('@silta/freshdesk')) as unknown as { ticketToCase?: (t: unknown, ctx: { connection: string }) => CanonicalRecord };
  const sample = TicketSchema.parse(ticketPayload(1)); // the template must be a valid Freshdesk ticket
  if (typeof mod.ticketToCase === 'function') {
    const ticketToCase = mod.ticketToCase;
    ticketToCase(sample, { connection: 'bench' });
    return { map: (p, connection) => ticketToCase(p, { connection }), mapper: 'freshdesk.ticketToCase' };
  }
  // The connector does not export its mapper yet: build the canonical case directly.
  return {
    mapper: 'inline',
    map: (p, connection) => ({
      entity: 'case', ref: { system: 'freshdesk', connection, type: 'ticket', id: String(p.id) },
      partyRef: { system: 'freshdesk', connection, type: 'contact', id: String(p.requester_id) },
      status: 'open', priority: 'medium', channel: 'email', subject: p.subject, tags: p.tags,
      createdAt: p.created_at, updatedAt: p.updated_at, reopenCount: 0, raw: p,
    }),
  };
}

async function measure(store: SiltaStore, storeName: string, map: Mapper, mapper: string): Promise<void> {
  const checkpoint = z.object({ after: z.number() });
  const tickets = defineStream<unknown, unknown, z.infer<typeof checkpoint>>({
    name: 'tickets', entities: ['case'], checkpoint,
    async *read(ctx) {
      for (let start = 1; start <= RECORDS; start += BATCH) {
        const records: CanonicalRecord[] = [];
        const end = Math.min(start + BATCH - 1, RECORDS);
        for (let id = start; id <= end; id++) records.push(map(ticketPayload(id), ctx.connection));
        yield { records, checkpoint: { after: end }, complete: end === RECORDS, total: RECORDS };
      }
    },
  });
  const connector = defineConnector({
    system: 'freshdesk', config: z.object({}), createClient: () => ({}), streams: { tickets }, actions: {}, webhooks: {},
  });
  globalThis.gc?.();
  const started = process.hrtime.bigint();
  const cpuBefore = process.cpuUsage();
  const serverBefore = storeName === 'postgres' ? cpuByProcess('postgres') : undefined;
  const summary = await runStream({ store, connector, connectionName: 'bench', config: {}, stream: 'tickets' });
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = process.cpuUsage(cpuBefore);
  // The pool's connections are still open here, so their backends' time is all counted.
  const serverCpu = serverBefore ? cpuSpent(serverBefore, cpuByProcess('postgres')) : undefined;
  // On a shared machine wall time includes waiting for a core; CPU time of this process is the engine's
  // own cost (for PostgreSQL the server's work is not in it).
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  if (summary.status !== 'succeeded') throw new Error(`${storeName} run ${summary.status}: ${summary.error}`);
  const stored = await store.countRecords({ connection: 'bench' });
  console.log(JSON.stringify({
    name: 'sync-throughput', store: storeName, ...(storeName === 'sqlite' ? { sqlite_writer: WRITER } : {}), records: summary.counts.created, stored, batch_size: BATCH, mapper,
    records_per_s: Math.round(summary.counts.created / wall), wall_s: Number(wall.toFixed(3)),
    cpu_s: Number(cpuSeconds.toFixed(3)), records_per_cpu_s: Math.round(summary.counts.created / cpuSeconds),
    ...(serverCpu === undefined ? {} : { server_cpu_s: Number(serverCpu.toFixed(2)) }),
    load_avg_1m: Number(loadavg()[0]!.toFixed(2)),
    peak_rss_mb: Math.round(process.memoryUsage().rss / 1048576),
  }));
}

async function main(): Promise<void> {
  const { map, mapper } = await loadMapper();
  if (STORES.has('sqlite')) {
    const dir = mkdtempSync(join(tmpdir(), 'silta-bench-'));
    try {
      const sqlite = await openStore(join(dir, 'bench.db'), { sqliteWriter: WRITER });
      try { await measure(sqlite, 'sqlite', map, mapper); } finally { await sqlite.close(); }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  if (!STORES.has('postgres')) return;
  const url = await availablePostgres();
  if (!url) {
    console.log(JSON.stringify({ name: 'sync-throughput', store: 'postgres', skipped: 'PostgreSQL not reachable; set SILTA_TEST_POSTGRES_URL' }));
    return;
  }
  const schema = `bench_sync_${process.pid}`;
  const pg = await openStore(url, { schema });
  try {
    await measure(pg, 'postgres', map, mapper);
  } finally {
    await pg.close();
    const { default: pgLib } = await import('pg');
    const client = new pgLib.Client({ connectionString: url });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await client.end();
  }
}

await main();
