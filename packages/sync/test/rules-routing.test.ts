import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineAction, defineConnector } from '@silta/kit';
import type { Case, CanonicalRecord, Interaction, Invoice, PartyRecord, SourceRef } from '@silta/model';
import { storeBackends, type Backend } from './store-backends';
import type { SiltaStore } from '../src/store/types';
import { linkPeople } from '../src/context/link-people';
import { actionsOf, replayRuleFiring, caseIdOf, caseOpened, contextNote, openCases, person, route, runRules, timeline, invoices } from '../src/rules/index';
import { deliver } from '../src/outbox/deliver';
import { createMemoryIdentityStore, createResolver, type IdentityStore } from '@silta/identity';

/** A helpdesk whose actions change an in-memory ticket table: enough to see what the rules delivered. */
const tickets = new Map<string, { group?: string; notes: Array<{ body: string; private: boolean; key: string }> }>();
const UpdateInput = z.object({ ticketId: z.string(), group: z.string().optional() });
const NoteInput = z.object({ ticketId: z.string(), body: z.string().min(1), private: z.boolean().default(true) });
const actions = {
  updateTicket: defineAction<object, unknown, z.input<typeof UpdateInput>, { ok: true }>({
    name: 'updateTicket', input: UpdateInput,
    async run(_ctx, input) {
      const t = tickets.get(input.ticketId) ?? { notes: [] };
      if (input.group) t.group = input.group;
      tickets.set(input.ticketId, t);
      return { ok: true };
    },
  }),
  addNote: defineAction<object, unknown, z.input<typeof NoteInput>, { ok: true }>({
    name: 'addNote', input: NoteInput,
    async run(ctx, raw) {
      const input = NoteInput.parse(raw);
      const t = tickets.get(input.ticketId) ?? { notes: [] };
      t.notes.push({ body: input.body, private: input.private, key: ctx.idempotencyKey });
      tickets.set(input.ticketId, t);
      return { ok: true };
    },
  }),
};
const helpdeskConnector = defineConnector({ system: 'freshdesk', config: z.object({}), createClient: () => ({}), streams: {}, actions, webhooks: {} });
const helpdesk = actionsOf<typeof actions>('helpdesk');

const invoiceRule = route('invoice questions to billing')
  .when(caseOpened({ tags: ['lasku'], words: ['lasku', 'invoice', 'hyvitys'] }))
  .because('Invoice question')
  .handoffTo('Laskutus')
  .context(person(), timeline({ days: 90 }), openCases(), invoices())
  .deliver(
    helpdesk.updateTicket((ctx) => ({ ticketId: caseIdOf(ctx), group: 'Laskutus' })),
    helpdesk.addNote((ctx) => ({ ticketId: caseIdOf(ctx), body: contextNote()(ctx), private: true })),
  );

const fd = (type: string, id: string): SourceRef => ({ system: 'freshdesk', connection: 'helpdesk', type, id });
const chatRef = (type: string, id: string): SourceRef => ({ system: 'chat', connection: 'partner', type, id });
const billingRef = (type: string, id: string): SourceRef => ({ system: 'billing', connection: 'yritys-oy', type, id });
const day = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();

const anssi: PartyRecord = {
  entity: 'party', ref: fd('contact', '42'), name: { full: 'Anssi Mäkelä' },
  identifiers: [{ kind: 'email', value: 'anssi.makela@example.fi', raw: 'Anssi.Makela@example.fi', source: fd('contact', '42') }],
  addresses: [], consents: [], updatedAt: day(30),
};
const sameEmail = (ref: SourceRef) => [{ kind: 'email' as const, value: 'anssi.makela@example.fi', raw: 'anssi.makela@example.fi', source: ref }];
const anssiInChat: PartyRecord = { ...anssi, ref: chatRef('visitor', '9'), identifiers: sameEmail(chatRef('visitor', '9')), updatedAt: day(20) };
const anssiInBilling: PartyRecord = { ...anssi, ref: billingRef('customer', 'C-77'), identifiers: sameEmail(billingRef('customer', 'C-77')), updatedAt: day(20) };
const chat: Interaction = {
  entity: 'interaction', ref: chatRef('message', 'm1'), partyRef: anssiInChat.ref, channel: 'chat', direction: 'inbound',
  at: day(3), text: 'Sain laskun kahteen kertaan, miten saan hyvityksen?', automated: false,
};
const oldEmail: Interaction = { ...chat, ref: fd('conversation', 'c0'), partyRef: anssi.ref, channel: 'email', at: day(200), text: 'Vanha viesti' };
const pendingCase: Case = {
  entity: 'case', ref: fd('ticket', '5'), partyRef: anssi.ref, status: 'pending', priority: 'low', channel: 'phone', subject: 'Palautus kesken',
  tags: [], createdAt: day(10), updatedAt: day(10), reopenCount: 0,
};
const invoice: Invoice = {
  entity: 'invoice', ref: billingRef('invoice', 'in_1'), partyRef: anssiInBilling.ref, number: '2026-0042', status: 'open',
  amountDue: { amount: '49.90', currency: 'EUR' }, total: { amount: '49.90', currency: 'EUR' }, issuedAt: day(15), dueAt: day(1), lines: [], updatedAt: day(15),
};
function newTicket(id: string, subject: string, tags: string[] = []): Case {
  return { entity: 'case', ref: fd('ticket', id), partyRef: anssi.ref, status: 'open', priority: 'medium', channel: 'email', subject, tags, createdAt: day(0), updatedAt: day(0), reopenCount: 0 };
}

let backend: Backend;
let store: SiltaStore;
let identity: IdentityStore;
const connections = { helpdesk: { connector: helpdeskConnector, config: {} } };

async function seed(records: CanonicalRecord[]) {
  await store.upsertBatch({ streamKey: 'test:seed', records, source: 'poll' });
}

describe.each(await storeBackends())('routing rules on %s', (_name, makeBackend) => {
  beforeEach(async () => {
    tickets.clear();
    backend = makeBackend();
    store = await backend.open();
    await seed([anssi, anssiInChat, anssiInBilling, chat, oldEmail, pendingCase, invoice]);
    // The store's identity graph links the three party records into one person by their shared email.
    identity = store.identity;
    const resolver = createResolver({ store: identity });
    const placed = [];
    for (const p of [anssi, anssiInChat, anssiInBilling]) placed.push(await resolver.add(p));
    expect(new Set(placed.map((p) => p.personId)).size, JSON.stringify(placed)).toBe(1);
    // The history above is not new: the router starts after it.
    await store.setOffset('rules', await store.latestSeq());
  });
  afterEach(async () => {
    await backend.cleanup();
  });

  describe('routing rules', () => {
    it('routes an invoice-worded ticket to billing with a private note carrying the context packet', async () => {
      await seed([newTicket('100', 'Kysymys laskusta')]);
      const summary = await runRules({ store, rules: [invoiceRule], connections, identity });
      expect(summary).toMatchObject({ changes: 1, fired: 1, enqueued: 2, failed: 0 });
      expect(await deliver({ store, connections })).toMatchObject({ delivered: 2 });

      const t = tickets.get('100');
      expect(t?.group).toBe('Laskutus');
      expect(t?.notes).toHaveLength(1);
      const note = t!.notes[0]!;
      expect(note.private).toBe(true);
      expect(note.body).toContain('Silta: Invoice question');
      expect(note.body).toContain('Anssi Mäkelä');
      expect(note.body).toMatch(/email: anssi\.makela@example\.fi/i);
      // The chat happened in another system, under another party record of the same person.
      expect(note.body).toContain('chat · inbound · chat · Sain laskun kahteen kertaan');
      expect(note.body).not.toContain('Vanha viesti'); // older than 90 days
      expect(note.body).toContain('freshdesk #5 · pending · Palautus kesken');
      expect(note.body).toContain('2026-0042 · open');
      expect(note.body).toContain('unassigned → Laskutus');
    });

    it('does nothing for a ticket that is not an invoice question', async () => {
      await seed([newTicket('101', 'Toimitus myöhässä')]);
      const summary = await runRules({ store, rules: [invoiceRule], connections, identity });
      expect(summary).toMatchObject({ changes: 1, fired: 0, enqueued: 0 });
      expect(await store.outboxCounts()).toMatchObject({ pending: 0 });
      expect(await deliver({ store, connections })).toMatchObject({ delivered: 0 });
      expect(tickets.size).toBe(0);
    });

    it('enqueues nothing twice when the change feed is replayed', async () => {
      await seed([newTicket('102', 'Invoice question', ['lasku'])]);
      expect(await runRules({ store, rules: [invoiceRule], connections, identity })).toMatchObject({ enqueued: 2 });
      await store.setOffset('rules', 0);
      const again = await runRules({ store, rules: [invoiceRule], connections, identity });
      expect(again).toMatchObject({ enqueued: 0, duplicates: 2 });
      await deliver({ store, connections });
      expect(tickets.get('102')?.notes).toHaveLength(1);
    });

    it('uses the store\u2019s identity graph by default', async () => {
      await seed([newTicket('105', 'Lasku')]);
      await runRules({ store, rules: [invoiceRule], connections });
      await deliver({ store, connections });
      expect(tickets.get('105')!.notes[0]!.body).toContain('Sain laskun kahteen kertaan');
    });

    it('links people from the change feed with linkPeople, so packets span systems', async () => {
      const graph = createMemoryIdentityStore();
      expect(await linkPeople({ store, resolver: createResolver({ store: graph }) })).toMatchObject({ linked: 3, refused: 0 });
      await seed([newTicket('106', 'Laskusta')]);
      await runRules({ store, rules: [invoiceRule], connections, identity: graph });
      await deliver({ store, connections });
      expect(tickets.get('106')!.notes[0]!.body).toContain('Sain laskun kahteen kertaan');
      expect(await linkPeople({ store, resolver: createResolver({ store: graph }) })).toMatchObject({ linked: 0 });
    });

    it('builds a packet from the party record alone when the identity graph does not know the person', async () => {
      await seed([newTicket('103', 'Lasku väärin')]);
      await runRules({ store, rules: [invoiceRule], connections, identity: createMemoryIdentityStore() });
      await deliver({ store, connections });
      const body = tickets.get('103')!.notes[0]!.body;
      expect(body).toContain('Anssi Mäkelä');
      expect(body).not.toContain('Sain laskun'); // the chat belongs to another system's party record
    });

    it('dead-letters a firing whose action input is invalid, naming the field, and moves on', async () => {
      const broken = route('broken').when(caseOpened()).deliver(helpdesk.addNote({ ticketId: '1', body: '' }));
      await seed([newTicket('104', 'Mitä vain')]);
      const summary = await runRules({ store, rules: [broken], connections });
      expect(summary).toMatchObject({ fired: 1, failed: 1, enqueued: 0 });
      const [entry] = await store.dlqList({ kind: 'action' });
      expect(entry?.reason).toMatch(/input of helpdesk\.addNote is invalid at body/);
      expect(await store.getOffset('rules')).toBe(await store.latestSeq());

      // Replaying with the rule still broken fails again; once fixed, the same change is routed.
      await expect(replayRuleFiring(entry!, { store, rules: [broken], connections })).rejects.toThrow(/invalid at body/);
      const fixed = route('broken').when(caseOpened()).deliver(helpdesk.addNote((ctx) => ({ ticketId: caseIdOf(ctx), body: 'korjattu' })));
      expect(await replayRuleFiring(entry!, { store, rules: [fixed], connections })).toMatch(/1 actions queued/);
      await deliver({ store, connections });
      expect(tickets.get('104')?.notes.map((n) => n.body)).toEqual(['korjattu']);
    });
  });
});
