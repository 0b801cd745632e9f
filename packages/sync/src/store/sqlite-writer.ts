/**
 * The SQLite writer thread's entry. One thread per process serves every SQLite file store of the process:
 * each store opens its own connection here and sends its `upsertBatch` transactions, which run one at a time
 * in the order they arrive. It imports only the transaction's own modules (no `@silta/*` packages), so it
 * loads the same from source and from `dist`. See `sqlite-writer-client.ts` for the other side.
 */
import { parentPort } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { sqliteBatchOps } from './batch-ops';
import { createSqliteExecutor, type Executor } from './executor';
import type { PreparedBatch } from './plan';
import type { Database as Tables } from './schema';
import { CHECKPOINT_BACKSTOP_PAGES, configureSqlite } from './sqlite-pragmas';
import { upsertTx, type UpsertOutcome, type UpsertTxContext } from './upsert-tx';

/** How a store's connection on the thread is opened. */
export interface WriterConnection {
  file: string;
  synchronous: 'normal' | 'full';
  busyTimeoutMs: number;
  volatilePaths: string[];
}

/** A request to the thread, for one store's connection. */
export type WriterRequest =
  | { id: number; store: number; type: 'open'; connection: WriterConnection }
  | { id: number; store: number; type: 'upsert'; batch: PreparedBatch }
  | { id: number; store: number; type: 'close' };

/** The thread's answer to one request. */
export type WriterResponse =
  | { id: number; ok: UpsertOutcome | null }
  | { id: number; error: { name: string; message: string; code?: string } };

interface Open {
  db: Database.Database;
  ctx: UpsertTxContext;
  ex: Executor;
}

const port = parentPort;
if (!port) throw new Error('sqlite-writer runs as a worker thread started by the SQLite store');
const stores = new Map<number, Open>();

function open(connection: WriterConnection): Open {
  const db = new Database(connection.file);
  try {
    // The checkpoint thread keeps the WAL short; a commit here checkpoints only if it falls far behind.
    configureSqlite(db, { ...connection, autocheckpointPages: CHECKPOINT_BACKSTOP_PAGES });
  } catch (err) {
    db.close();
    throw err;
  }
  const kysely = new Kysely<Tables>({ dialect: new SqliteDialect({ database: db }) });
  return { db, ctx: { db: kysely, ops: sqliteBatchOps(kysely), volatilePaths: connection.volatilePaths }, ex: createSqliteExecutor(db) };
}

function handle(request: WriterRequest): Promise<UpsertOutcome | null> {
  if (request.type === 'open') {
    stores.set(request.store, open(request.connection));
    return Promise.resolve(null);
  }
  const store = stores.get(request.store);
  if (request.type === 'close') {
    stores.delete(request.store);
    store?.db.close();
    return Promise.resolve(null);
  }
  if (!store) return Promise.reject(new Error(`store ${request.store} has no connection on the writer thread`));
  // The executor runs the body synchronously, so requests are handled strictly one after another.
  return store.ex.tx(() => upsertTx(store.ctx, request.batch));
}

port.on('message', (request: WriterRequest) => {
  let result: Promise<UpsertOutcome | null>;
  try {
    result = handle(request);
  } catch (err) {
    result = Promise.reject(err);
  }
  result.then(
    (ok) => port.postMessage({ id: request.id, ok } satisfies WriterResponse),
    (err: unknown) => {
      const e = err instanceof Error ? err : new Error(String(err));
      const code = (e as { code?: unknown }).code;
      port.postMessage({ id: request.id, error: { name: e.name, message: e.message, ...(typeof code === 'string' ? { code } : {}) } } satisfies WriterResponse);
    },
  );
});
