/**
 * Runs kysely-compiled queries on the raw drivers. Queries are built with kysely's typed builder and run
 * through prepared statements: better-sqlite3 statements cached by SQL text, named prepared statements on
 * PostgreSQL.
 *
 * Transactions are written once as generator functions that `yield*` their statements. SQLite drives the
 * generator synchronously, so a write transaction never yields the event loop while it holds the file's
 * write lock (two connections in one process would otherwise deadlock on `busy_timeout`); PostgreSQL drives
 * the same generator with `await` on one pooled client.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import type BetterSqlite3 from 'better-sqlite3';
import type { Compilable, CompiledQuery } from 'kysely';
import type { Pool, PoolClient } from 'pg';
import type { StoreKind } from './types';

const SENTINEL = '\u0001silta-param:';

/**
 * A placeholder for a template parameter; the value is supplied at execution time.
 *
 * @example
 * const t = template(db.selectFrom('silta_records').selectAll().where('key', '=', param<string>('key')), ['key']);
 */
export function param<T = string>(name: string): T {
  return `${SENTINEL}${name}` as unknown as T;
}

type Slot<P extends string> = { name: P } | { value: unknown };

/** A query compiled once whose parameters are filled by name. */
export interface Template<P extends string = string> {
  readonly sql: string;
  /** Stable name for a server-side prepared statement. */
  readonly id: string;
  readonly slots: readonly Slot<P>[];
}

/** Compiles a query built with `param()` placeholders into a reusable template. */
export function template<P extends string>(query: Compilable<unknown>, names: readonly P[]): Template<P> {
  const compiled = query.compile();
  const known = new Set<string>(names);
  const slots = compiled.parameters.map((v): Slot<P> => {
    if (typeof v === 'string' && v.startsWith(SENTINEL)) {
      const name = v.slice(SENTINEL.length);
      if (!known.has(name)) throw new Error(`template parameter ${name} is not declared`);
      return { name: name as P };
    }
    return { value: v };
  });
  const id = `silta_${createHash('sha1').update(compiled.sql).digest('hex').slice(0, 16)}`;
  return { sql: compiled.sql, id, slots };
}

/**
 * Compiles a query whose parameters are exactly `names`, in that order (checked), so it can be executed
 * with a flat array: multi-row statements skip building a name ⇒ value map per batch.
 */
export function flatTemplate(query: Compilable<unknown>, names: readonly string[]): Template<never> {
  const t = template(query, names);
  const ok = t.slots.length === names.length && t.slots.every((s, i) => 'name' in s && s.name === names[i]);
  if (!ok) throw new Error('flat template parameters are not in the declared order');
  return t as unknown as Template<never>;
}

function norm(v: unknown): unknown {
  if (v === undefined) return null;
  if (typeof v === 'boolean') return v ? 1 : 0;
  return v;
}

/** One statement to run: rows back (`all`) or the affected-row count (`run`). */
export interface Op {
  mode: 'all' | 'run';
  sql: string;
  params: readonly unknown[];
  /** Server-side prepared statement name (PostgreSQL). */
  name?: string;
  /** The params hold no `undefined` or booleans already (multi-row statements are built that way). */
  normalized?: boolean;
}

/** A transaction body: a generator yielding statements and receiving their results. */
export type Step<T> = Generator<Op, T, unknown>;

function compiledOf(q: Compilable<unknown> | CompiledQuery<unknown>): CompiledQuery<unknown> {
  return 'compile' in q ? q.compile() : q;
}

/** Rows of a query, inside a transaction body: `const rows = yield* all(query)`. */
export function* all<R>(query: Compilable<R> | CompiledQuery<R>): Step<R[]> {
  const c = compiledOf(query);
  return (yield { mode: 'all', sql: c.sql, params: c.parameters }) as R[];
}

/** Affected rows of a statement, inside a transaction body. */
export function* run(query: Compilable<unknown> | CompiledQuery<unknown>): Step<number> {
  const c = compiledOf(query);
  return (yield { mode: 'run', sql: c.sql, params: c.parameters }) as number;
}

/** Rows of a named-parameter template, inside a transaction body. */
export function* allT<R, P extends string>(t: Template<P>, values: Record<P, unknown>): Step<R[]> {
  const params = t.slots.map((s) => ('name' in s ? values[s.name] : s.value));
  return (yield { mode: 'all', sql: t.sql, params, name: t.id }) as R[];
}

/**
 * Rows of a flat template, inside a transaction body. `values` must already be normalised (null for
 * undefined, 0/1 for booleans, see `normalize`): multi-row statements carry thousands of them.
 */
export function* allFlat<R>(t: Template<never>, values: readonly unknown[]): Step<R[]> {
  return (yield { mode: 'all', sql: t.sql, params: values, name: t.id, normalized: true }) as R[];
}

/** A parameter as both drivers take it: null for undefined, 0/1 for booleans. */
export function normalize(v: unknown): unknown {
  return norm(v);
}

/** Executes statements; `tx` runs a generator body as one transaction. */
export interface Executor {
  readonly kind: StoreKind;
  /** Runs a body outside a transaction (each statement autocommits). */
  exec<T>(body: Step<T>): Promise<T>;
  /** Runs a body as one transaction: all its statements commit together or none does. */
  tx<T>(body: () => Step<T>): Promise<T>;
  /**
   * Runs async `work` as one transaction, for callers whose logic awaits between statements (the identity
   * resolver). `work` gets an executor bound to the transaction; on SQLite every other caller waits.
   */
  txAsync<T>(work: (inner: Executor) => Promise<T>): Promise<T>;
  /** True when the calling async chain is inside a `txAsync` of this executor. */
  inTransaction(): boolean;
}

/**
 * The transaction an async call chain is inside. Code running within `txAsync` work that calls the store's
 * outer API (the identity resolver reads its model through the outer store mid-transaction) joins the
 * transaction instead of waiting for it to end, which would deadlock.
 */
const currentTx = new AsyncLocalStorage<Executor>();

/** Serialises access to the single SQLite connection while an async transaction holds it. */
class Lock {
  private held = false;
  private readonly waiters: Array<() => void> = [];
  /** Undefined when acquired at once (the common case costs no await); else a promise to wait for. */
  acquire(): Promise<void> | undefined {
    if (!this.held) { this.held = true; return undefined; }
    return new Promise<void>((resolve) => this.waiters.push(resolve));
  }
  release(): void {
    const next = this.waiters.shift();
    if (next) next(); else this.held = false;
  }
}

// ---------------------------------------------------------------------------------------------- SQLite

/**
 * Wraps a better-sqlite3 database; every body runs synchronously.
 *
 * @example
 * const ex = createSqliteExecutor(new Database(':memory:'));
 */
export function createSqliteExecutor(db: BetterSqlite3.Database): Executor {
  const cache = new Map<string, BetterSqlite3.Statement>();

  function stmt(sql: string): BetterSqlite3.Statement {
    let s = cache.get(sql);
    if (!s) {
      s = db.prepare(sql);
      if (cache.size > 1000) cache.clear(); // batch-size dependent SQL must not grow the cache forever
      cache.set(sql, s);
    }
    return s;
  }
  function execOp(op: Op): unknown {
    const s = stmt(op.sql);
    const values = op.normalized ? op.params : op.params.map(norm);
    if (op.mode === 'all') {
      if (s.reader) return s.all(values);
      s.run(values);
      return [];
    }
    return s.reader ? s.all(values).length : s.run(values).changes;
  }
  function drive<T>(body: Step<T>): T {
    let next = body.next();
    while (!next.done) {
      let result: unknown;
      try {
        result = execOp(next.value);
      } catch (err) {
        next = body.throw(err);
        continue;
      }
      next = body.next(result);
    }
    return next.value;
  }

  function txSync<T>(body: () => Step<T>): T {
    db.exec('BEGIN IMMEDIATE');
    try {
      const out = drive(body());
      db.exec('COMMIT');
      return out;
    } catch (err) {
      if (db.inTransaction) db.exec('ROLLBACK');
      throw err;
    }
  }

  const lock = new Lock();
  /** Runs `fn` when no async transaction holds the connection; synchronously when none does. */
  function guarded<T>(fn: () => T): Promise<T> {
    if (holder !== undefined && currentTx.getStore() === holder) {
      try { return Promise.resolve(fn()); } catch (err) { return Promise.reject(err); }
    }
    const wait = lock.acquire();
    if (!wait) {
      try { return Promise.resolve(fn()); } catch (err) { return Promise.reject(err); } finally { lock.release(); }
    }
    return wait.then(() => { try { return fn(); } finally { lock.release(); } });
  }

  /** The executor of the async transaction holding the connection, if one does. */
  let holder: Executor | undefined;
  /** The executor handed to async transaction work: already inside the transaction, so no lock. */
  const inside: Executor = {
    kind: 'sqlite',
    exec: (body) => { try { return Promise.resolve(drive(body)); } catch (err) { return Promise.reject(err); } },
    tx: (body) => { try { return Promise.resolve(drive(body())); } catch (err) { return Promise.reject(err); } },
    txAsync: (work) => work(inside),
    inTransaction: () => true,
  };

  return {
    kind: 'sqlite',
    inTransaction: () => holder !== undefined && currentTx.getStore() === holder,
    exec: function sqliteExec<T>(body: Step<T>) { return guarded(() => drive(body)); },
    tx: function sqliteTx<T>(body: () => Step<T>) {
      return guarded(() => (db.inTransaction ? drive(body()) : txSync(body)));
    },
    txAsync: async function sqliteTxAsync<T>(work: (inner: Executor) => Promise<T>): Promise<T> {
      if (holder !== undefined && currentTx.getStore() === holder) return work(inside);
      const wait = lock.acquire();
      if (wait) await wait;
      holder = inside;
      try {
        db.exec('BEGIN IMMEDIATE');
        try {
          const out = await currentTx.run(inside, () => work(inside));
          db.exec('COMMIT');
          return out;
        } catch (err) {
          if (db.inTransaction) db.exec('ROLLBACK');
          throw err;
        }
      } finally {
        holder = undefined;
        lock.release();
      }
    },
  };
}

// ------------------------------------------------------------------------------------------ PostgreSQL

interface Queryable {
  query(config: { text: string; values: unknown[]; name?: string }): Promise<{ rows: unknown[]; rowCount: number | null } | { rows: unknown[]; rowCount: number | null }[]>;
}

/**
 * Drives a body on one client or the pool. With `begin`, the transaction's BEGIN is not sent on its own: it
 * travels with the body's first statement when that one has no parameters (the change-feed lock), as one
 * simple-protocol message, which saves a round trip per batch; otherwise it is sent just before it.
 */
async function driveAsync<T>(q: Queryable, body: Step<T>, begin = false): Promise<T> {
  let next = body.next();
  while (!next.done) {
    const op = next.value;
    let result: unknown;
    try {
      let res;
      if (begin && op.params.length === 0 && !op.name) {
        begin = false;
        const both = await q.query({ text: `BEGIN; ${op.sql}`, values: [] });
        res = Array.isArray(both) ? both[both.length - 1]! : both;
      } else {
        if (begin) { begin = false; await q.query({ text: 'BEGIN', values: [] }); }
        const values = op.normalized ? op.params as unknown[] : op.params.map(norm);
        const one = await q.query({ text: op.sql, values, ...(op.name ? { name: op.name } : {}) });
        res = Array.isArray(one) ? one[one.length - 1]! : one;
      }
      result = op.mode === 'all' ? res.rows : (res.rowCount ?? 0);
    } catch (err) {
      next = body.throw(err);
      continue;
    }
    next = body.next(result);
  }
  if (begin) await q.query({ text: 'BEGIN', values: [] });
  return next.value;
}

/**
 * Wraps a pg Pool; `tx` checks out one client for the whole transaction.
 *
 * @example
 * const ex = createPostgresExecutor(new Pool({ connectionString }));
 */
export function createPostgresExecutor(pool: Pool): Executor {
  /** `work` sends BEGIN itself when `deferBegin` (see `driveAsync`). */
  async function withTransaction<T>(work: (client: Queryable) => Promise<T>, deferBegin = false): Promise<T> {
    const client: PoolClient = await pool.connect();
    let broken = false;
    // pg-pool listens for `error` only on idle clients: a connection dropped while this one is checked out
    // (pg_terminate_backend, a server restart) would otherwise be an unhandled 'error' event that ends the
    // process. The failing query rejects on its own; the listener only marks the client for disposal.
    const onError = (): void => { broken = true; };
    client.on('error', onError);
    try {
      if (!deferBegin) await client.query('BEGIN');
      try {
        const out = await work(client as unknown as Queryable);
        await client.query('COMMIT');
        return out;
      } catch (err) {
        try { await client.query('ROLLBACK'); } catch { broken = true; }
        throw err;
      }
    } finally {
      client.removeListener('error', onError);
      client.release(broken);
    }
  }
  /** This pool's open async transactions (the context may hold another store's). */
  const owned = new WeakSet<Executor>();
  /** An executor bound to one client inside a transaction; nested transactions join it. */
  function bound(client: Queryable): Executor {
    const ex: Executor = {
      kind: 'postgres',
      exec: (body) => driveAsync(client, body),
      tx: (body) => driveAsync(client, body()),
      txAsync: (work) => work(ex),
      inTransaction: () => true,
    };
    return ex;
  }
  const outer: Executor = {
    kind: 'postgres',
    inTransaction: () => {
      const joined = currentTx.getStore();
      return joined !== undefined && owned.has(joined);
    },
    exec: (body) => {
      const joined = currentTx.getStore();
      return joined && joined.kind === 'postgres' && owned.has(joined) ? joined.exec(body) : driveAsync(pool as unknown as Queryable, body);
    },
    tx: function postgresTx<T>(body: () => Step<T>): Promise<T> {
      const joined = currentTx.getStore();
      if (joined && owned.has(joined)) return joined.tx(body);
      return withTransaction((client) => driveAsync(client, body(), true), true);
    },
    txAsync: function postgresTxAsync<T>(work: (inner: Executor) => Promise<T>): Promise<T> {
      const joined = currentTx.getStore();
      if (joined && owned.has(joined)) return work(joined);
      return withTransaction((client) => {
        const inner = bound(client);
        owned.add(inner);
        return currentTx.run(inner, () => work(inner)).finally(() => owned.delete(inner));
      });
    },
  };
  return outer;
}
