import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineAction, defineConnector, signHmacSha256, verifyHmacSha256, type WebhookDefinition } from '@silta/kit';
import type { Case } from '@silta/model';
import { openSqliteStore as openStore } from '../src/store/sqlite';
import type { SiltaStore } from '../src/store/types';
import { startServe, type RunningServe } from '../src/serve/start';
import { act, caseIdOf, caseOpened, contextNote, person, route } from '../src/rules/index';

const SECRET = 'e2e-secret';
const notes: Array<{ ticketId: string; body: string; key: string }> = [];

const hook: WebhookDefinition<{ secret: string }> = {
  name: 'ticket',
  verify(req, config) {
    const sig = req.headers['x-signature'];
    verifyHmacSha256(req.rawBody, Array.isArray(sig) ? sig[0] : sig, config.secret);
  },
  parse(body, ctx): Case[] {
    const t = (body as { ticket: { id: number; subject: string; updated_at: string } }).ticket;
    return [{
      entity: 'case', ref: { system: 'acme', connection: ctx.connection, type: 'ticket', id: String(t.id) }, status: 'open', priority: 'medium',
      channel: 'email', subject: t.subject, tags: [], createdAt: t.updated_at, updatedAt: t.updated_at, reopenCount: 0,
    }];
  },
};
const NoteInput = z.object({ ticketId: z.string(), body: z.string() });
const addNote = defineAction<{ secret: string }, unknown, z.infer<typeof NoteInput>, { ok: boolean }>({
  name: 'addNote', input: NoteInput,
  async run(ctx, input) {
    notes.push({ ...input, key: ctx.idempotencyKey });
    return { ok: true };
  },
});
const acme = defineConnector({
  system: 'acme', config: z.object({ secret: z.string() }), createClient: () => ({}), streams: {}, actions: { addNote }, webhooks: { ticket: hook },
});
const rule = route('invoice questions to billing')
  .when(caseOpened({ words: ['lasku'] }))
  .context(person())
  .deliver(act('helpdesk', 'addNote', (ctx) => ({ ticketId: caseIdOf(ctx), body: contextNote()(ctx) })));

let dir: string;
let store: SiltaStore;
let running: RunningServe;
beforeEach(async () => {
  notes.length = 0;
  dir = mkdtempSync(join(tmpdir(), 'silta-e2e-'));
  store = await openStore(join(dir, 'silta.db'));
  running = await startServe({ store, connections: { helpdesk: { connector: acme, config: { secret: SECRET } } }, rules: [rule], port: 0, pollMs: 50 });
});
afterEach(async () => {
  await running.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

async function until(check: () => boolean, what: string): Promise<void> {
  const end = Date.now() + 5_000;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('silta serve, end to end', () => {
  it('turns an invoice-worded webhook into exactly one private note, and a duplicate webhook into none', async () => {
    const body = JSON.stringify({ ticket: { id: 500, subject: 'Laskussa virhe', updated_at: '2026-11-01T10:00:00Z' } });
    const send = () => fetch(`${running.url}/webhooks/helpdesk/ticket`, { method: 'POST', body, headers: { 'x-signature': signHmacSha256(SECRET, body) } });
    expect((await send()).status).toBe(202);
    await until(() => notes.length === 1, 'the note');
    expect(notes[0]).toMatchObject({ ticketId: '500' });
    expect(notes[0]!.body).toContain('Silta: invoice questions to billing');
    // The vendor delivers the same webhook again: same version, nothing new to do.
    expect((await send()).status).toBe(202);
    await new Promise((r) => setTimeout(r, 300));
    expect(notes).toHaveLength(1);
    expect(await store.outboxCounts()).toMatchObject({ done: 1, pending: 0, dead: 0 });
  });

  it('with rulesFrom "now", leaves synced history alone and acts on what arrives afterwards', async () => {
    await running.close();
    await store.upsertBatch({
      streamKey: 'acme:helpdesk:tickets', source: 'poll',
      records: [{ entity: 'case', ref: { system: 'acme', connection: 'helpdesk', type: 'ticket', id: '1' }, status: 'open', priority: 'low', channel: 'email', subject: 'Vanha lasku', tags: [], createdAt: '2026-10-01T10:00:00Z', updatedAt: '2026-10-01T10:00:00Z', reopenCount: 0 }],
    });
    // The first server's router may have consumed the feed already; start this one as a first run.
    await store.setOffset('rules', 0);
    running = await startServe({ store, connections: { helpdesk: { connector: acme, config: { secret: SECRET } } }, rules: [rule], port: 0, pollMs: 50, rulesFrom: 'now' });
    const body = JSON.stringify({ ticket: { id: 2, subject: 'Uusi lasku', updated_at: '2026-11-01T10:00:00Z' } });
    await fetch(`${running.url}/webhooks/helpdesk/ticket`, { method: 'POST', body, headers: { 'x-signature': signHmacSha256(SECRET, body) } });
    await until(() => notes.length === 1, 'the note');
    await new Promise((r) => setTimeout(r, 200));
    expect(notes.map((n) => n.ticketId)).toEqual(['2']);
  });
});
