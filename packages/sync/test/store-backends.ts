/**
 * The backends the store conformance suite runs on: SQLite in a temp directory always, PostgreSQL when the
 * local server answers (CI sets SILTA_REQUIRE_SERVICES=1, so there it must). Each PostgreSQL store gets a
 * fresh schema of its own, so parallel test files and runs never see each other's rows.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { availablePostgres } from '../../../test/services';
import { openStore, type OpenStoreOptions, type SiltaStore } from '../src/store/index';

export interface Backend {
  name: 'sqlite' | 'postgres';
  /** A fresh, empty store. */
  open(options?: OpenStoreOptions): Promise<SiltaStore>;
  /** Another store on the same database as the last one opened (a second process, in effect). */
  reopen(options?: OpenStoreOptions): Promise<SiltaStore>;
  /** Runs raw SQL on the last opened database, for fault injection. */
  raw(statement: string): Promise<void>;
  /** Closes every store and removes the temp files or schemas. */
  cleanup(): Promise<void>;
}

let counter = 0;

/** SQLite file stores; `inline` runs their upserts on the calling thread instead of the writer thread. */
export function sqliteBackend(writer: 'thread' | 'inline' = 'thread'): Backend {
  const dir = mkdtempSync(join(tmpdir(), 'silta-store-test-'));
  const stores: SiltaStore[] = [];
  let last = '';
  return {
    name: 'sqlite',
    async open(options) {
      last = join(dir, `nested/dir/s${++counter}.db`);
      const s = await openStore(last, { sqliteWriter: writer, ...options });
      stores.push(s);
      return s;
    },
    async reopen(options) {
      const s = await openStore(last, { sqliteWriter: writer, ...options });
      stores.push(s);
      return s;
    },
    async raw(statement) {
      const { default: Database } = await import('better-sqlite3');
      const db = new Database(last);
      try { db.exec(statement); } finally { db.close(); }
    },
    async cleanup() {
      for (const s of stores) await s.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function postgresBackend(url: string): Backend {
  const schemas: string[] = [];
  const stores: SiltaStore[] = [];
  const schemaName = () => schemas[schemas.length - 1]!;
  return {
    name: 'postgres',
    async open(options) {
      const schema = `silta_test_${process.pid}_${++counter}_${Math.random().toString(36).slice(2, 8)}`;
      schemas.push(schema);
      const s = await openStore(url, { ...options, schema, poolSize: 4 });
      stores.push(s);
      return s;
    },
    async reopen(options) {
      const s = await openStore(url, { ...options, schema: schemaName(), poolSize: 4 });
      stores.push(s);
      return s;
    },
    async raw(statement) {
      const { default: pg } = await import('pg');
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`set search_path to "${schemaName()}"`);
        await client.query(statement);
      } finally { await client.end(); }
    },
    async cleanup() {
      for (const s of stores) await s.close();
      const { default: pg } = await import('pg');
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        for (const s of schemas) await client.query(`drop schema if exists "${s}" cascade`);
      } finally { await client.end(); }
    },
  };
}

/** The backends available here, as `describe.each` rows. */
export async function storeBackends(): Promise<Array<[string, () => Backend]>> {
  const rows: Array<[string, () => Backend]> = [['sqlite', () => sqliteBackend('thread')], ['sqlite-inline', () => sqliteBackend('inline')]];
  const url = await availablePostgres();
  if (!url) return rows;
  const driverProblem = await import('pg').then(() => undefined, (err: unknown) => (err instanceof Error ? err.message : String(err)));
  if (driverProblem && process.env.SILTA_REQUIRE_SERVICES !== '1') {
    // Seen when the test runner starts Node with `--conditions import`: pg's CommonJS code then gets
    // pg-pool's ES module and cannot load. Say so instead of failing every PostgreSQL test the same way.
    console.warn(`skipping PostgreSQL store tests: the pg driver does not load in this runner (${driverProblem}); `
      + 'vitest.config.ts must not pass the "import" condition to Node (ssr.resolve.conditions)');
    return rows;
  }
  rows.push(['postgres', () => postgresBackend(url)]);
  return rows;
}
