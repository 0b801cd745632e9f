import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '@silta/kit';
import { freshdesk, freshdeskConnector } from '@silta/freshdesk';
import { createFreshdeskSimulator, type FreshdeskSimulator } from '@silta/freshdesk/testing';
import type { Case } from '@silta/model';
import { openSqliteStore as openStore } from '../src/store/sqlite';
import type { SiltaStore } from '../src/store/types';
import { deliver } from '../src/outbox/deliver';
import { actionsOf, caseIdOf, caseOpened, contextNote, person, route, runRules, timeline } from '../src/rules/index';

let dir: string;
let store: SiltaStore;
let sim: FreshdeskSimulator;
let connections: { helpdesk: ReturnType<typeof freshdesk> };

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'silta-outbox-fd-'));
  store = await openStore(join(dir, 'silta.db'));
  sim = createFreshdeskSimulator({ tickets: 20, seed: 4 });
  await sim.start();
  connections = { helpdesk: freshdesk({ domain: 'yritys', apiKey: sim.apiKey, baseUrl: sim.url }) };
});
afterEach(async () => {
  await store.close();
  await sim.stop();
  rmSync(dir, { recursive: true, force: true });
});

function someTicketId(): number {
  return [...sim.state.tickets.keys()][0]!;
}
const ref = (id: number) => ({ system: 'freshdesk', connection: 'helpdesk', type: 'ticket', id: String(id) });

describe('outbox against the Freshdesk simulator', () => {
  it('does not post a note twice when the worker died between Freshdesk\u2019s 201 and marking the job done', async () => {
    const ticketId = someTicketId();
    const { job } = await store.outboxEnqueue({
      key: 'sk_crash_between_201_and_bookkeeping', rule: 'r', action: 'addNote', connection: 'helpdesk',
      input: { ticketId, note: { body: '<p>Laskutus hoitaa</p>' } }, sourceRef: ref(ticketId), version: 'v1',
    });
    const t0 = Date.now();
    // The worker that crashed: it claimed the job, Freshdesk stored the note, and the process died.
    const [claimed] = await store.outboxClaim(1, new Date(t0), { leaseMs: 10_000 });
    const client = freshdeskConnector.createClient(connections.helpdesk.config, { logger: silentLogger });
    const input = freshdeskConnector.actions.addNote.input.parse(claimed!.input);
    await freshdeskConnector.actions.addNote.run({ config: connections.helpdesk.config, client, connection: 'helpdesk', logger: silentLogger, idempotencyKey: claimed!.key }, input);
    expect(sim.state.notesByMarker().get(job.key)).toBe(1);

    const summary = await deliver({ store, connections, now: () => new Date(t0 + 11_000) });
    expect(summary).toMatchObject({ recovered: 1, delivered: 0 });
    expect(sim.state.notesByMarker().get(job.key)).toBe(1);
    expect((await store.outboxGet(job.id))?.status).toBe('done');
  });

  it('posts exactly once through a lost 201 and a 503, and dead-letters a note Freshdesk rejects', async () => {
    const ticketId = someTicketId();
    sim.state.failNext({ method: 'POST', path: '/notes', mode: 'drop', afterCommit: true });
    const ok = await store.outboxEnqueue({ key: 'sk_lost_201', rule: 'r', action: 'addNote', connection: 'helpdesk', input: { ticketId, note: { body: 'x' } } });
    expect(await deliver({ store, connections })).toMatchObject({ delivered: 1 });
    expect(sim.state.notesByMarker().get(ok.job.key)).toBe(1);

    const missing = await store.outboxEnqueue({ key: 'sk_no_such_ticket', rule: 'r', action: 'addNote', connection: 'helpdesk', input: { ticketId: 999_999_999, note: { body: 'x' } } });
    expect(await deliver({ store, connections })).toMatchObject({ deadLettered: 1 });
    expect((await store.outboxGet(missing.job.id))?.status).toBe('dead');
    const [entry] = await store.dlqList({ kind: 'action' });
    expect(entry?.reason).toMatch(/helpdesk\.addNote failed and cannot succeed on retry: .*404/);
  });

  it('routes an invoice ticket: Laskutus group and a private context note on the simulated ticket', async () => {
    const ticketId = someTicketId();
    const laskutus = [...sim.state.groups.values()].find((g) => g.name === 'Laskutus')!;
    const helpdesk = actionsOf<typeof freshdeskConnector.actions>('helpdesk');
    const rule = route('invoice questions to billing')
      .when(caseOpened({ tags: ['lasku'], words: ['lasku', 'invoice', 'hyvitys'] }))
      .context(person(), timeline({ days: 90 }))
      .deliver(
        helpdesk.updateTicket((ctx) => ({ ticketId: caseIdOf(ctx), changes: { group_id: laskutus.id } })),
        helpdesk.addNote((ctx) => ({ ticketId: caseIdOf(ctx), note: { body: contextNote()(ctx), private: true } })),
      );
    const ticket: Case = {
      entity: 'case', ref: ref(ticketId), status: 'open', priority: 'medium', channel: 'email', subject: 'Kysymys laskusta', tags: [],
      createdAt: new Date().toISOString(), updatedAt: new Date().toISOString(), reopenCount: 0,
    };
    await store.upsertBatch({ streamKey: 'freshdesk:helpdesk:tickets', records: [ticket], source: 'poll' });
    expect(await runRules({ store, rules: [rule], connections })).toMatchObject({ enqueued: 2 });
    expect(await deliver({ store, connections })).toMatchObject({ delivered: 2 });
    expect(sim.state.tickets.get(ticketId)?.group_id).toBe(laskutus.id);
    const notes = (sim.state.conversationsByTicket.get(ticketId) ?? []).filter((c) => c.private && c.body.includes('Silta: invoice questions to billing'));
    expect(notes).toHaveLength(1);
    // Replaying the feed enqueues nothing new, so Freshdesk gets nothing twice.
    await store.setOffset('rules', 0);
    expect(await runRules({ store, rules: [rule], connections })).toMatchObject({ enqueued: 0, duplicates: 2 });
  });
});
