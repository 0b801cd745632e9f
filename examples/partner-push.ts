/**
 * A partner pushes Anssi's chat into Silta with the typed client, repeats it (nothing new is stored),
 * appends a later message, and tries a company it may not serve (403).
 *
 *   node --conditions=@silta/source --import tsx examples/partner-push.ts
 *
 * With no SILTA_URL it starts the partner API on loopback with the demo configuration and an in-memory
 * store, so it runs without any account. Against a running `silta serve --demo --port 8787`:
 *
 *   SILTA_URL=http://127.0.0.1:8787 SILTA_PARTNER_SECRET=demo-partner-secret node --conditions=@silta/source --import tsx examples/partner-push.ts
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEMO_PARTNER_ID, DEMO_PARTNER_SECRET, createPartnerApi, demoPartnerConfig, pushConversationExample } from '@silta/chat';
import { PartnerClientError, createPartnerClient, type PushConversationRequest } from '@silta/partner-client';
import { openStore } from '@silta/sync';

const store = process.env.SILTA_URL ? undefined : await openStore(':memory:');
let baseUrl = process.env.SILTA_URL ?? '';
const partnerApi = store ? createPartnerApi({ store, ...demoPartnerConfig() }) : undefined;
const server = partnerApi
  ? createServer((req, res) => {
    void partnerApi(req, res).then((handled) => {
      if (!handled) res.writeHead(404).end();
    });
  })
  : undefined;
if (server) {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  console.log(`partner API on ${baseUrl}/partner/v1/ (demo configuration)`);
}

const client = createPartnerClient({
  baseUrl,
  partnerId: DEMO_PARTNER_ID,
  secret: process.env.SILTA_PARTNER_SECRET || DEMO_PARTNER_SECRET,
});

// The example of the OpenAPI document: Anssi asks Liisa about a shirt size.
const push: PushConversationRequest = pushConversationExample;
const first = await client.pushConversation(push);
console.log('first push:', first.result, first.messages, first.refs.case);

const repeat = await client.pushConversation(push);
console.log('same push again:', repeat.result, repeat.messages);

const later: PushConversationRequest = {
  ...push,
  conversation: { ...push.conversation, status: 'open' },
  messages: [{ id: 'msg-6', at: '2026-11-15T10:02:00+02:00', from: 'visitor', text: 'Unohdin kysyä: onko L-kokoa varastossa?' }],
};
const appended = await client.pushConversation(later);
console.log('a later message:', appended.result, appended.messages);

try {
  await client.pushConversation({ ...push, company: 'toinen-oy' });
} catch (error) {
  if (!(error instanceof PartnerClientError)) throw error;
  console.log(`company toinen-oy: HTTP ${error.status} ${error.code} (field ${error.field ?? '-'})`);
}

if (store) console.log('records stored:', await store.countRecords({ system: 'chat' }));
await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
await store?.close();
