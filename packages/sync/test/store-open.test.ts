/** Opening a store: the target decides the backend, files and directories appear, secrets stay out of errors. */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, redactSecrets, StoreError } from '../src/store/index';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('openStore', () => {
  it('creates an SQLite file and its directories for a plain path', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'silta-open-'));
    dirs.push(dir);
    const path = join(dir, '.silta/deep/silta.db');
    const store = await openStore(path);
    expect(store.kind).toBe('sqlite');
    expect(store.location).toBe(path);
    expect(existsSync(path)).toBe(true);
    await store.close();
  });

  it('opens a private in-memory store for :memory:', async () => {
    const a = await openStore(':memory:');
    const b = await openStore(':memory:');
    await a.dlqAdd({ kind: 'record', reason: 'x', payload: 1, source: 's' });
    expect(await a.dlqCount()).toBe(1);
    expect(await b.dlqCount()).toBe(0);
    await a.close();
    await b.close();
  });

  it('never shows a PostgreSQL password in its location or its errors', async () => {
    const err = await openStore('postgresql://silta:hunter2@127.0.0.1:1/silta').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreError);
    expect((err as StoreError).code).toBe('STORE_OPEN_FAILED');
    expect((err as Error).message).toContain('postgresql://silta:***@127.0.0.1:1/silta');
    expect((err as Error).message).not.toContain('hunter2');
  });

  it('names the bad option', async () => {
    await expect(openStore('postgres://127.0.0.1:1/x', { schema: 'bad; drop table' })).rejects.toThrow(/schema must be a plain identifier/);
    await expect(openStore('')).rejects.toMatchObject({ code: 'STORE_INVALID_INPUT' });
  });

  it('redacts credentials in any text', () => {
    expect(redactSecrets('GET https://agent:s3cret@acme.freshdesk.com/api failed; password=abc')).toBe('GET https://agent:***@acme.freshdesk.com/api failed; password=***');
  });
});
