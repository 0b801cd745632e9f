import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SourceRef } from '@silta/model';
import { openSqliteStore } from '../src/store/sqlite';

const root = resolve(import.meta.dirname, '../../..');
const dir = mkdtempSync(join(tmpdir(), 'silta-timeline-cli-'));
const db = join(dir, 'silta.db');
const ref = (type: string, id: string): SourceRef => ({ system: 'freshdesk', connection: 'helpdesk', type, id });

function silta(...args: string[]) {
  const r = spawnSync(process.execPath, ['--conditions=@silta/source', '--import', 'tsx', join(root, 'packages/cli/src/bin.ts'), ...args], {
    cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(async () => {
  const store = await openSqliteStore(db);
  await store.upsertBatch({
    streamKey: 'seed', source: 'poll',
    records: [
      {
        entity: 'party', ref: ref('contact', '1'), name: { full: 'Aino Laine' }, addresses: [], consents: [], updatedAt: '2026-11-01T00:00:00Z',
        identifiers: [{ kind: 'phone', value: '+358401234567', raw: '040 123 4567', source: ref('contact', '1') }],
      },
      { entity: 'interaction', ref: ref('conversation', '5'), partyRef: ref('contact', '1'), channel: 'phone', direction: 'inbound', at: '2026-11-02T09:00:00Z', text: 'Soitto laskusta', automated: false },
      { entity: 'interaction', ref: ref('conversation', '6'), partyRef: ref('contact', '1'), channel: 'email', direction: 'outbound', at: '2026-11-03T10:30:00Z', subject: 'Re: lasku', text: 'Hyvitys tehty', automated: false },
    ],
  });
  await store.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('silta timeline (the command)', () => {
  it('prints the history newest first for a phone number typed the Finnish way', () => {
    const r = silta('timeline', '040 123 4567', '--db', db);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('Aino Laine  freshdesk:helpdesk:contact:1');
    const rows = lines.filter((l) => /^\d{4}-\d\d-\d\d /.test(l));
    expect(rows).toEqual([
      '2026-11-03 10:30  email   outbound freshdesk  Re: lasku — Hyvitys tehty',
      '2026-11-02 09:00  phone   inbound  freshdesk  Soitto laskusta',
    ]);
  });

  it('prints JSON with --json', () => {
    const r = silta('timeline', '+358401234567', '--json', '--db', db);
    expect(r.code, r.stderr).toBe(0);
    const t = JSON.parse(r.stdout) as { person: { name: { full: string } }; entries: Array<{ channel: string; at: string }>; truncated: boolean };
    expect(t.person.name.full).toBe('Aino Laine');
    expect(t.entries.map((e) => e.channel)).toEqual(['email', 'phone']);
    expect(t.truncated).toBe(false);
  });

  it('exits 1 with the error code when nobody matches', () => {
    const r = silta('timeline', 'nobody@example.fi', '--db', db);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('no person with email nobody@example.fi');
    expect(r.stderr).toContain('[TIMELINE_PERSON_NOT_FOUND]');
  });
});
