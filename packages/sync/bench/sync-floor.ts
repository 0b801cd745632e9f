// `pnpm bench sync-floor [--records N] [--batch N]`: what the unavoidable parts of a sync cost on this machine,
// without any of the store's own work, and the records/s ceiling they leave. Per record, in CPU time:
// producing and mapping a Freshdesk ticket (the same source and mapper as `sync-throughput`), serialising the
// canonical record to JSON, and storing key + JSON in a table with nothing but a primary key, in batched
// transactions: SQLite through better-sqlite3 (WAL, synchronous=NORMAL, SQLite's own checkpoints, whose copy
// into the database file every stored byte needs once) and PostgreSQL through pg (multi-row parameterised
// INSERT, as the store sends it; the server's CPU read from /proc for its backend). Ceilings: every part needs
// a core for its time, however the work is spread over threads, and the inserts of one store go through one
// connection (one writer), so records/s ≤ min(cores / sum of parts, 1 / slowest insert part). The store's own
// work (hashing, change events, indexes, reading stored versions) comes on top. Compare with
// `pnpm bench sync-throughput`.
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { ticketToCase } from '@silta/freshdesk';
import type { CanonicalRecord } from '@silta/model';
import { availablePostgres } from '../../../test/services';
import { processCpu } from './_proc';
import { wholeNumberArg } from './_args';
import { ticketPayload } from './_tickets';

const RECORDS = wholeNumberArg('records', 100_000);
const BATCH = wholeNumberArg('batch', 500);
const CORES = availableParallelism();

/** CPU microseconds of this process (one thread runs here, so it is that thread's time). */
function cpuNow(): number {
  const u = process.cpuUsage();
  return u.user + u.system;
}

const spent = { sourceMap: 0, json: 0, sqlite: 0, pgClient: 0 };
const map = (id: number): CanonicalRecord => ticketToCase(ticketPayload(id) as never, { connection: 'bench' });
for (let id = 1; id <= 2_000; id++) JSON.stringify(map(id)); // warm the mapper and the JSON writer

/** One batch of keys and JSON texts, timing the source + mapping and the serialising apart. */
function batchFrom(start: number): { keys: string[]; payloads: string[] } {
  const end = Math.min(start + BATCH - 1, RECORDS);
  let t = cpuNow();
  const records: CanonicalRecord[] = [];
  for (let id = start; id <= end; id++) records.push(map(id));
  let now = cpuNow();
  spent.sourceMap += now - t;
  t = now;
  const keys = records.map((r) => `${r.ref.system}:${r.ref.connection}:${r.ref.type}:${r.ref.id}`);
  const payloads = records.map((r) => JSON.stringify(r));
  now = cpuNow();
  spent.json += now - t;
  return { keys, payloads };
}

function measureSqlite(): void {
  const dir = mkdtempSync(join(tmpdir(), 'silta-floor-'));
  const db = new Database(join(dir, 'floor.db'));
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.exec('create table r (key text primary key, payload text not null)');
    const statements = new Map<number, Database.Statement>();
    const insert = (n: number) => {
      let s = statements.get(n);
      if (!s) statements.set(n, (s = db.prepare(`insert into r (key, payload) values ${Array.from({ length: n }, () => '(?, ?)').join(',')}`)));
      return s;
    };
    for (let start = 1; start <= RECORDS; start += BATCH) {
      const { keys, payloads } = batchFrom(start);
      const args: string[] = [];
      for (let i = 0; i < keys.length; i++) args.push(keys[i]!, payloads[i]!);
      const t = cpuNow();
      db.transaction(() => insert(keys.length).run(args))();
      spent.sqlite += cpuNow() - t;
    }
    const stored = (db.prepare('select count(*) as n from r').get() as { n: number }).n;
    if (stored !== RECORDS) throw new Error(`sqlite stored ${stored} of ${RECORDS}`);
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function measurePostgres(url: string): Promise<{ server?: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const schema = `bench_floor_${process.pid}`;
  try {
    await client.query(`create schema "${schema}"`);
    await client.query(`set search_path = "${schema}"`);
    await client.query('create table r (key text primary key, payload text not null)');
    const backend = (await client.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!.pid;
    const serverBefore = processCpu(backend);
    for (let start = 1; start <= RECORDS; start += BATCH) {
      const { keys, payloads } = batchFrom(start);
      const args: string[] = [];
      for (let i = 0; i < keys.length; i++) args.push(keys[i]!, payloads[i]!);
      const values = Array.from({ length: keys.length }, (_, i) => `($${2 * i + 1}, $${2 * i + 2})`).join(',');
      const t = cpuNow();
      await client.query('begin');
      await client.query({ name: `floor_${keys.length}`, text: `insert into r (key, payload) values ${values}`, values: args });
      await client.query('commit');
      spent.pgClient += cpuNow() - t;
    }
    const serverAfter = processCpu(backend);
    const stored = Number((await client.query<{ n: string }>('select count(*) as n from r')).rows[0]!.n);
    if (stored !== RECORDS) throw new Error(`postgres stored ${stored} of ${RECORDS}`);
    return { server: serverBefore === undefined || serverAfter === undefined ? undefined : serverAfter - serverBefore };
  } finally {
    await client.query(`drop schema if exists "${schema}" cascade`);
    await client.end();
  }
}

/** Records/s when every core is busy with these parts and nothing else, and the one writer keeps up. */
const ceiling = (sumUs: number, writerUs: number) => Math.round(Math.min((CORES * 1e6) / sumUs, 1e6 / writerUs));
const us = (total: number) => Number((total / RECORDS).toFixed(1));
const line = (o: Record<string, unknown>) => console.log(JSON.stringify({ name: 'sync-floor', ...o }));

measureSqlite();
const perSqlite = { sourceMap: us(spent.sourceMap), json: us(spent.json), insert: us(spent.sqlite) };
line({ part: 'source_and_map', us_per_record: perSqlite.sourceMap, records: RECORDS });
line({ part: 'json', us_per_record: perSqlite.json, payload_bytes: Buffer.byteLength(JSON.stringify(map(1))) });
line({ part: 'sqlite_insert_key_and_json', us_per_record: perSqlite.insert, batch_size: BATCH });
const sqliteSum = perSqlite.sourceMap + perSqlite.json + perSqlite.insert;
line({ store: 'sqlite', cores: CORES, us_per_record: Number(sqliteSum.toFixed(1)), ceiling_records_per_s: ceiling(sqliteSum, perSqlite.insert) });

const url = await availablePostgres();
if (!url) {
  line({ store: 'postgres', skipped: 'PostgreSQL not reachable; set SILTA_TEST_POSTGRES_URL' });
} else {
  spent.sourceMap = 0;
  spent.json = 0;
  const { server } = await measurePostgres(url);
  const insertClient = us(spent.pgClient);
  const client = us(spent.sourceMap) + us(spent.json) + insertClient;
  line({ part: 'postgres_insert_key_and_json_client', us_per_record: us(spent.pgClient), batch_size: BATCH });
  if (server === undefined) {
    line({ store: 'postgres', skipped: 'the server process is not readable in /proc (not Linux, or another machine)' });
  } else {
    const serverUs = us(server);
    line({ part: 'postgres_insert_key_and_json_server', us_per_record: serverUs });
    const sum = client + serverUs;
    line({ store: 'postgres', cores: CORES, us_per_record: Number(sum.toFixed(1)), ceiling_records_per_s: ceiling(sum, Math.max(insertClient, serverUs)) });
  }
}
