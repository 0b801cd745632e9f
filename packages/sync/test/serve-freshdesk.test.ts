import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshdesk } from '@silta/freshdesk';
import { openSqliteStore as openStore } from '../src/store/sqlite';
import type { SiltaStore } from '../src/store/types';
import { createServer, type SiltaServer } from '../src/serve/server';

const SECRET = 'a-long-random-shared-secret';

let dir: string;
let store: SiltaStore;
let app: SiltaServer;
let url: string;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'silta-serve-fd-'));
  store = await openStore(join(dir, 'silta.db'));
  // The Freshdesk connection as silta.config.ts declares it: its automation-rule webhook is served as is.
  app = createServer({ store, connections: { helpdesk: freshdesk({ domain: 'yritys', apiKey: 'not-used-here', webhookSecret: SECRET }) } });
  url = `${(await app.listen(0)).url}/webhooks/helpdesk/automation`;
});
afterEach(async () => {
  await app.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

function automationBody(over: Record<string, unknown> = {}): string {
  return JSON.stringify({
    event: 'ticket_created',
    ticket: {
      id: '20', subject: 'Kysymys laskusta', status: 'Open', priority: 'Medium', source: 'Email', tags: 'lasku',
      updated_at: '2026-11-01T12:00:00Z', created_at: '2026-11-01T11:59:00Z',
      requester: { id: '434', name: 'Anssi Mäkelä', email: 'anssi.makela@example.fi', phone: '', mobile: '040 123 4567' },
      ...over,
    },
  });
}
const ticketRef = { system: 'freshdesk', connection: 'helpdesk', type: 'ticket', id: '20' };

async function eventually<T>(read: () => Promise<T | undefined>): Promise<T> {
  const end = Date.now() + 5_000;
  for (;;) {
    const v = await read();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('silta serve with the Freshdesk webhook', () => {
  it('refuses a request without the shared secret and stores nothing', async () => {
    const res = await fetch(url, { method: 'POST', body: automationBody(), headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ code: 'WEBHOOK_SIGNATURE_MISSING' });
    const wrong = await fetch(url, { method: 'POST', body: automationBody(), headers: { 'x-silta-webhook-secret': 'guess' } });
    expect(wrong.status).toBe(401);
    expect(Object.values(await store.inboxCounts()).reduce((a, b) => a + b, 0)).toBe(0);
  });

  it('stores the ticket and its requester from an automation-rule webhook', async () => {
    const res = await fetch(url, { method: 'POST', body: automationBody(), headers: { 'x-silta-webhook-secret': SECRET } });
    expect(res.status).toBe(202);
    const stored = await eventually(() => store.getRecord(ticketRef));
    expect(stored.source).toBe('webhook');
    expect(stored.record).toMatchObject({ entity: 'case', subject: 'Kysymys laskusta', tags: ['lasku'], status: 'open' });
    const party = await store.getRecord({ system: 'freshdesk', connection: 'helpdesk', type: 'contact', id: '434' });
    expect(party?.record).toMatchObject({ entity: 'party', name: { full: 'Anssi Mäkelä' } });
  });

  it('dead-letters a verified body the parser cannot map, naming the field', async () => {
    const res = await fetch(url, { method: 'POST', body: automationBody({ id: 'not-a-number' }), headers: { 'x-silta-webhook-secret': SECRET } });
    expect(res.status).toBe(202);
    const [entry] = await eventually(async () => {
      const l = await store.dlqList({ kind: 'webhook' });
      return l.length ? l : undefined;
    });
    expect(entry!.reason).toMatch(/ticket\.id/);
  });

  it('keeps the webhook version when an older poll of the ticket arrives later', async () => {
    await fetch(url, { method: 'POST', body: automationBody({ subject: 'Uusin otsikko' }), headers: { 'x-silta-webhook-secret': SECRET } });
    const fromWebhook = await eventually(() => store.getRecord(ticketRef));
    const older = { ...fromWebhook.record, subject: 'Vanha otsikko', updatedAt: '2026-11-01T11:59:30.000Z' };
    const result = await store.upsertBatch({ streamKey: 'freshdesk:helpdesk:tickets', records: [older], source: 'poll' });
    expect(result.skippedStale).toBe(1);
    expect((await store.getRecord(ticketRef))?.record).toMatchObject({ subject: 'Uusin otsikko' });
  });
});
