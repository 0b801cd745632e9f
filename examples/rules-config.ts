/**
 * Routing rules end to end, no account needed: syncs a simulated Freshdesk account, runs the rule
 * "invoice questions to billing" on the change feed (the Laskutus group plus a private note carrying the
 * customer's context), delivers the actions through the outbox exactly once, and prints one customer's
 * cross-channel timeline.
 *
 *   node --conditions=@silta/source --import tsx examples/rules-config.ts
 *
 * In a real `silta.config.ts`, export the `defineConfig(...)` below as default, take the API key from the
 * environment and the group id from Freshdesk (`GET /api/v2/groups`); `silta serve` then runs the rules for you.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshdesk, type freshdeskConnector } from '@silta/freshdesk';
import { createFreshdeskSimulator } from '@silta/freshdesk/testing';
import {
  actionsOf, buildTimeline, caseIdOf, caseOpened, contextNote, createSyncEngine, defineConfig, deliver, formatTimeline, openCases, openStore,
  person, route, runRules, timeline,
} from '@silta/sync';

const sim = createFreshdeskSimulator({ tickets: 80, seed: 7 });
await sim.start();
const dir = mkdtempSync(join(tmpdir(), 'silta-rules-example-'));
// The simulator seeds the groups a Finnish webshop has; on a real account `GET /api/v2/groups` lists their ids.
const LASKUTUS = [...sim.state.groups.values()].find((g) => g.name === 'Laskutus')!.id;

/** Typed step builders for the `helpdesk` connection: a wrong input field is a compile error here. */
const helpdesk = actionsOf<typeof freshdeskConnector.actions>('helpdesk');

const config = defineConfig({
  store: join(dir, 'silta.db'),
  connections: {
    helpdesk: { ...freshdesk({ domain: 'yritys', baseUrl: sim.url, apiKey: sim.apiKey }), streams: ['tickets', 'contacts', 'conversations'] },
  },
  rules: [
    route('invoice questions to billing')
      .when(caseOpened({ tags: ['lasku'], words: ['lasku', 'invoice', 'hyvitys'] }))
      .because('Invoice question')
      .handoffTo('Laskutus')
      .context(person(), timeline({ days: 365 }), openCases())
      .deliver(
        helpdesk.updateTicket((ctx) => ({ ticketId: caseIdOf(ctx), changes: { group_id: LASKUTUS } })),
        helpdesk.addNote((ctx) => ({ ticketId: caseIdOf(ctx), note: { body: contextNote()(ctx), private: true } })),
      ),
  ],
});

const store = await openStore(config.store);
try {
  await createSyncEngine({ store, connections: config.connections }).runOnce();
  console.log(`synced ${await store.countRecords({ entity: 'case' })} tickets and ${await store.countRecords({ entity: 'interaction' })} conversations`);

  const routed = await runRules({ store, rules: config.rules, connections: config.connections });
  const delivered = await deliver({ store, connections: config.connections });
  console.log(`rules: ${routed.changes} changes read, ${routed.fired} firings, ${routed.enqueued} actions queued; ${delivered.delivered} delivered`);

  // Replaying the whole feed (as after a crash) queues nothing new: the idempotency keys are the same.
  await store.setOffset('rules', 0);
  const replay = await runRules({ store, rules: config.rules, connections: config.connections });
  const perMarker = [...sim.state.notesByMarker().values()];
  console.log(`replay: ${replay.enqueued} new, ${replay.duplicates} already queued; notes per key: max ${Math.max(0, ...perMarker)}`);

  const withNote = [...sim.state.tickets.values()].filter((t) => (sim.state.conversationsByTicket.get(t.id) ?? []).some((c) => c.body.includes('Silta: Invoice question')));
  // Tagged or worded as an invoice question: show one whose subject says so, if there is one.
  const routedTicket = withNote.find((t) => /lasku|invoice/i.test(t.subject)) ?? withNote[0];
  if (routedTicket) {
    const note = sim.state.conversationsByTicket.get(routedTicket.id)!.find((c) => c.body.includes('Silta: Invoice question'))!;
    console.log(`\nprivate note on ticket ${routedTicket.id} ("${routedTicket.subject}"):\n${note.body_text || note.body}`);
    const requester = sim.state.contacts.get(routedTicket.requester_id);
    if (requester?.email) {
      console.log(`\nsilta timeline ${requester.email}:`);
      process.stdout.write(formatTimeline(await buildTimeline(store, { email: requester.email }, { limit: 10 })));
    }
  }
} finally {
  await store.close();
  await sim.stop();
  rmSync(dir, { recursive: true, force: true });
}
