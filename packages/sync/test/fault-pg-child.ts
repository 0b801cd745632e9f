// Runs in a child process (the test runner cannot load `pg`, see fault-postgres.test.ts): syncs a fake
// stream into PostgreSQL while terminating the store's own backend connections (pg_terminate_backend, by
// application name), then reruns, and prints what the store holds as one JSON line.
// Usage: PGAPPNAME=<unique> node --conditions=@silta/source --import tsx fault-pg-child.ts <postgres-url> <idle|in-transaction>
// `idle` terminates the connections between batches; `in-transaction` also on a timer, mid-transaction.
import pg from 'pg';
import { openPostgresStore } from '../src/store/postgres';
import { runStream } from '../src/engine/run-stream';
import { fakeConnector, newSource } from './engine-fixtures';

const url = process.argv[2];
const mode = process.argv[3] ?? 'idle';
const appName = process.env.PGAPPNAME;
if (!url || !appName) throw new Error('usage: PGAPPNAME=<name> fault-pg-child.ts <postgres-url>');
const schema = `fault_${process.pid}`;
const admin = new pg.Client({ connectionString: url, application_name: `${appName}-admin` });
admin.on('error', (e) => { process.stderr.write(`admin client error: ${e.message}\n`); });
await admin.connect();

async function terminateStoreConnections(): Promise<number> {
  const res = await admin.query<{ n: string }>(
    'SELECT count(pg_terminate_backend(pid))::text AS n FROM pg_stat_activity WHERE application_name = $1 AND pid <> pg_backend_pid()',
    [appName],
  );
  return Number(res.rows[0]?.n ?? 0);
}

const store = await openPostgresStore(url, { schema });
try {
  const source = newSource(2000, 50);
  let terminated = 0;
  // Between batches (idle pooled connections die) and, on a timer, in the middle of transactions.
  source.beforePage = async (page) => { if (page === 5 || page === 20) terminated += await terminateStoreConnections(); };
  const timer = mode === 'in-transaction'
    ? setInterval(() => { void terminateStoreConnections().then((n) => { terminated += n; }); }, 120)
    : undefined;
  let retries = 0;
  const logger = {
    debug() {}, info() {}, error() {},
    warn(_obj: object, msg?: string) { if (msg?.includes('retrying')) retries++; },
    child() { return logger; },
  };
  const run = (full = false) => runStream({
    store, connector: fakeConnector(source), connectionName: 'pg', config: { label: 'pg' }, stream: 'tickets', full, storeRetries: 5, logger,
  });
  const first = await run();
  if (timer) clearInterval(timer);
  // However the first run ended, a rerun resumes from the last durable batch.
  const second = await run();
  const count = await store.countRecords({ system: 'fake' });
  const created = new Map<string, number>();
  for (let after = 0; ;) {
    const events = await store.readChanges({ afterSeq: after, limit: 10_000 });
    if (events.length === 0) break;
    for (const e of events) if (e.kind === 'created') created.set(e.key, (created.get(e.key) ?? 0) + 1);
    after = events[events.length - 1]!.seq;
  }
  process.stdout.write(`${JSON.stringify({
    terminated, retries, first: { status: first.status, error: first.error ?? null, created: first.counts.created },
    second: { status: second.status, created: second.counts.created }, count,
    createdEvents: created.size, duplicateEvents: [...created.values()].filter((n) => n > 1).length,
    checkpoint: await store.getCheckpoint('fake:pg:tickets'),
  })}\n`);
} finally {
  await store.close();
  await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await admin.end();
}
