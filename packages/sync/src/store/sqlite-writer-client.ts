/**
 * The store's side of the SQLite writer thread (`sqlite-writer.ts`). `upsertBatch` on a file store sends its
 * prepared batch there: the thread runs the transaction on the store's own second connection while this
 * thread's event loop stays free, which lets the sync engine map and prepare the next batch meanwhile.
 * SQLite's write lock orders the thread's transactions with the store's other writes, as it would between
 * two processes.
 *
 * One thread serves every SQLite store of the process. It starts with the first batch, is referenced only
 * while a request is in flight (an idle store never holds the process open) and ends a few seconds after the
 * last store using it closed (a store opened meanwhile reuses it: starting one costs a few hundred ms). If it dies, the requests in flight fail with `STORE_WRITER_FAILED` (an unfinished
 * transaction commits nothing) and the next batch starts a new thread.
 */
import type { Worker } from 'node:worker_threads';
import { StoreError } from './errors';
import type { PreparedBatch } from './plan';
import type { WriterConnection, WriterRequest, WriterResponse } from './sqlite-writer';
import { startStoreThread } from './thread-entry';
import type { UpsertOutcome } from './upsert-tx';

/** Runs one store's upsert transactions on the writer thread. */
export interface SqliteWriter {
  upsert(batch: PreparedBatch): Promise<UpsertOutcome>;
  /** Lets the store's requests in flight finish, then closes its connection on the thread. */
  close(): Promise<void>;
}

type Request = WriterRequest extends infer R ? R extends { id: number } ? Omit<R, 'id'> : never : never;

interface Thread {
  worker: Worker;
  pending: Map<number, { resolve: (value: UpsertOutcome | null) => void; reject: (err: Error) => void }>;
  /** Stores with an open connection on this thread. */
  users: Set<number>;
  alive: boolean;
  idle?: NodeJS.Timeout;
}

/** How long a thread without stores waits for a new one before it ends. */
const LINGER_MS = 5_000;

let thread: Thread | undefined;
let nextRequest = 1;
let nextStore = 1;

function errorOf(error: { name: string; message: string; code?: string }): Error {
  if (error.name === 'StoreError' && error.code) return new StoreError(error.code as StoreError['code'], error.message);
  return Object.assign(new Error(error.message), { name: error.name, ...(error.code ? { code: error.code } : {}) });
}

function startThread(): Thread {
  const worker = startStoreThread('sqlite-writer');
  const t: Thread = { worker, pending: new Map(), users: new Set(), alive: true };
  worker.on('message', (msg: WriterResponse) => {
    const p = t.pending.get(msg.id);
    if (!p) return;
    t.pending.delete(msg.id);
    if (t.pending.size === 0) worker.unref();
    if ('error' in msg) p.reject(errorOf(msg.error));
    else p.resolve(msg.ok);
  });
  const lost = (why: string) => {
    if (!t.alive) return;
    t.alive = false;
    if (thread === t) thread = undefined;
    const err = new StoreError('STORE_WRITER_FAILED', `the SQLite writer thread stopped: ${why}`);
    for (const p of t.pending.values()) p.reject(err);
    t.pending.clear();
  };
  worker.on('error', (err) => lost(err.message));
  worker.on('exit', (code) => lost(`exit code ${code}`));
  return t;
}

function send(t: Thread, request: Request): Promise<UpsertOutcome | null> {
  const id = nextRequest++;
  return new Promise((resolve, reject) => {
    t.pending.set(id, { resolve, reject });
    t.worker.ref();
    t.worker.postMessage({ ...request, id });
  });
}

/**
 * @example
 * const writer = createSqliteWriter({ file: '/abs/silta.db', synchronous: 'normal', busyTimeoutMs: 30_000, volatilePaths: [] });
 * const outcome = await writer.upsert(batch);
 * await writer.close();
 */
export function createSqliteWriter(connection: WriterConnection): SqliteWriter {
  const store = nextStore++;
  /** The thread this store's connection is open on, if any, and how opening it went. */
  let on: Thread | undefined;
  let opened: Promise<unknown> = Promise.resolve();
  const inflight = new Set<Promise<unknown>>();

  return {
    async upsert(batch) {
      if (!on || !on.alive) {
        on = thread ??= startThread();
        clearTimeout(on.idle);
        on.users.add(store);
        // Requests are handled in order: the batch below runs after its connection opened. If opening fails,
        // the batch fails with that reason, and the next batch tries to open again.
        const t = on;
        opened = send(t, { store, type: 'open', connection }).catch((err: unknown) => {
          if (on === t) on = undefined;
          t.users.delete(store);
          throw new StoreError('STORE_OPEN_FAILED', `the SQLite writer thread cannot open ${connection.file}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
        });
        opened.catch(() => undefined);
      }
      const p = send(on, { store, type: 'upsert', batch });
      const result = Promise.all([opened, p]).then(([, outcome]) => outcome as UpsertOutcome);
      inflight.add(result);
      try {
        return await result;
      } finally {
        inflight.delete(result);
      }
    },
    async close() {
      await Promise.allSettled([...inflight]);
      const t = on;
      on = undefined;
      if (!t || !t.alive) return;
      try {
        await send(t, { store, type: 'close' });
      } finally {
        t.users.delete(store);
        if (t.users.size === 0 && t.alive) {
          clearTimeout(t.idle);
          t.idle = setTimeout(() => {
            if (t.users.size > 0 || !t.alive) return;
            t.alive = false;
            if (thread === t) thread = undefined;
            void t.worker.terminate();
          }, LINGER_MS);
          t.idle.unref();
        }
      }
    },
  };
}
