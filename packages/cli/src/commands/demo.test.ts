import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { openStore } from '@silta/sync';
import { runDemo } from './demo';

describe('silta demo', () => {
  const dirs: string[] = [];
  afterAll(async () => { for (const d of dirs) await rm(d, { recursive: true, force: true }); });

  it('backfills the simulated tickets, conversations and contacts into the store and reports them', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'silta-demo-'));
    dirs.push(dir);
    const db = join(dir, 'demo.db');
    const written: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    let result;
    try {
      result = await runDemo({ tickets: 40, seed: 'demo-test', db, fresh: true });
    } finally {
      spy.mockRestore();
    }
    expect(result.summaries.map((s) => [s.stream, s.status])).toEqual([
      ['tickets', 'succeeded'], ['conversations', 'succeeded'], ['contacts', 'succeeded'],
    ]);
    expect(result.counts.case).toBe(40);
    expect(result.counts.interaction).toBeGreaterThan(40);
    expect(result.counts.party).toBeGreaterThan(0);
    expect(result.http429).toBe(0);
    const text = written.join('');
    expect(text).toContain('40 cases (tickets)');
    expect(text).toMatch(/\d+ API requests, 0 answered 429; \d+\.\d s in all/);

    // What the summary claims is what the store holds.
    const store = await openStore(db);
    try {
      expect(await store.countRecords({ system: 'freshdesk', entity: 'case' })).toBe(40);
    } finally {
      await store.close();
    }
  });
});
