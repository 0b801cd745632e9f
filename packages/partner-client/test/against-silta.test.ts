// The typed client against the real partner API of @silta/chat on a loopback server, with a real store:
// proof that the generated types and the signing match what the server accepts.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createPartnerApi, pushConversationExample } from '@silta/chat';
import type { Interaction } from '@silta/model';
import { openStore, type SiltaStore } from '@silta/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPartnerClient, PartnerClientError, type PushConversationRequest } from '../src/index';

const PARTNER = 'asiakaspalvelu-ab';
const NEW_SECRET = 'rotation-new-secret-0001';
const OLD_SECRET = 'rotation-old-secret-0002';
let store: SiltaStore;
let server: Server;
let baseUrl: string;
let clock = Date.parse('2026-11-22T10:00:00Z');

beforeEach(async () => {
  clock = Date.parse('2026-11-22T10:00:00Z');
  store = await openStore(':memory:');
  const api = createPartnerApi({
    store,
    partners: { [PARTNER]: { secrets: [NEW_SECRET, OLD_SECRET], companies: ['yritys-oy'] } },
    rateLimit: { requests: 5, windowMs: 60_000 },
    now: () => new Date(clock),
  });
  server = createServer((req, res) => void api(req, res).then((handled) => { if (!handled) res.writeHead(404).end(); }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await store.close();
});

const client = (secret = NEW_SECRET) => createPartnerClient({ baseUrl, partnerId: PARTNER, secret, now: () => clock });
// Typed as the generated request type: the example of the document must satisfy the client's own types.
const example: PushConversationRequest = pushConversationExample;

describe('the typed client against Silta', () => {
  it('pushes a conversation (201 created), and a repeat stores nothing (200 unchanged)', async () => {
    const first = await client().pushConversation(example);
    expect(first).toMatchObject({ result: 'created', messages: { received: 5, stored: 5, duplicates: 0 } });
    const messages = await store.listRecords({ system: 'chat', entity: 'interaction', order: 'key' });
    expect(messages.map((r) => (r.record as Interaction).text)).toEqual(example.messages.map((m) => m.text));
    const seq = await store.latestSeq();
    expect(await client().pushConversation(example)).toMatchObject({ result: 'unchanged', messages: { stored: 0, duplicates: 5 } });
    expect(await store.latestSeq()).toBe(seq);
  });

  it('is accepted with either secret during a rotation, and refused with any other', async () => {
    expect((await client(OLD_SECRET).pushConversation(example)).result).toBe('created');
    expect((await client(NEW_SECRET).pushConversation(example)).result).toBe('unchanged');
    await expect(client('a-secret-nobody-gave-out').pushConversation(example)).rejects.toMatchObject({ status: 401, code: 'SIGNATURE_INVALID' });
  });

  it('reports a forbidden company and an invalid field as typed errors', async () => {
    const forbidden = await client().pushConversation({ ...example, company: 'toinen-oy' }).catch((e: unknown) => e);
    expect(forbidden).toBeInstanceOf(PartnerClientError);
    expect(forbidden).toMatchObject({ status: 403, code: 'COMPANY_FORBIDDEN', field: 'company' });
    const invalid = await client().pushConversation({ ...example, visitor: { ...example.visitor, email: 'ei-osoite' } }).catch((e: unknown) => e);
    expect(invalid).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', field: 'visitor.email' });
    expect(await store.countRecords({ system: 'chat' })).toBe(0);
  });

  it('surfaces Retry-After on 429', async () => {
    for (let n = 0; n < 5; n++) await client().pushConversation({ ...example, conversation: { ...example.conversation, id: `c-${n}` } });
    const limited = await client().pushConversation(example).catch((e: unknown) => e);
    expect(limited).toMatchObject({ status: 429, code: 'RATE_LIMITED', retryAfterSeconds: 60 });
  });

  it('fetches the OpenAPI document the types were generated from', async () => {
    const doc = await client().getOpenApiDocument();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths as object)).toContain('/partner/v1/conversations');
  });
});
