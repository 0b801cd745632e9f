import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { signTimestamped } from '@silta/kit';
import { openStore, type SiltaStore } from '@silta/sync';
import type { Case, Interaction, PartyRecord } from '@silta/model';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pushConversationExample } from './examples';
import { createPartnerApi, type PartnerApiOptions } from './handler';
import { buildOpenApiDocument } from './openapi';
import type { PushConversationResponse } from './schemas/response';

const PARTNER = 'asiakaspalvelu-ab';
const SECRET = 'test-secret-current-0001';
const OLD_SECRET = 'test-secret-previous-0002';
const START = Date.parse('2026-11-22T10:00:00Z');

let store: SiltaStore;
let server: Server;
let baseUrl: string;
let clock: number;

async function start(overrides: Partial<PartnerApiOptions> = {}): Promise<void> {
  const api = createPartnerApi({
    store,
    partners: { [PARTNER]: { secrets: [SECRET, OLD_SECRET], companies: ['yritys-oy'] }, 'muu-partneri': { secrets: ['muu-partneri-secret-1'], companies: ['toinen-oy'] } },
    maxBodyBytes: 64 * 1024,
    rateLimit: { requests: 100, windowMs: 60_000 },
    now: () => new Date(clock),
    ...overrides,
  });
  server = createServer((req, res) => {
    void api(req, res).then((handled) => {
      if (!handled) {
        res.writeHead(404, { 'content-type': 'text/plain' });
        res.end('not the partner api');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}


type Answer = { status: number; json: Partial<PushConversationResponse> & { error: { code: string; message: string; field?: string } }; headers: Headers };

/** A push sent by hand, so each header can be wrong on purpose. */
async function rawPush(body: string, headers: Record<string, string>): Promise<Answer> {
  const res = await fetch(`${baseUrl}/partner/v1/conversations`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  return { status: res.status, json: await res.json() as never, headers: res.headers };
}

function signed(body: string, secret = SECRET, t = clock / 1000): Record<string, string> {
  return { 'x-silta-partner': PARTNER, 'x-silta-signature': signTimestamped(secret, body, t) };
}

/** A correctly signed push (the typed client's own tests, in @silta/partner-client, cover it end to end). */
function push(body: unknown, secret = SECRET): Promise<Answer> {
  const text = JSON.stringify(body);
  return rawPush(text, signed(text, secret));
}

async function expectNothingStored(): Promise<void> {
  expect(await store.countRecords({ system: 'chat', includeDeleted: true })).toBe(0);
  expect(await store.latestSeq()).toBe(0);
}

beforeEach(async () => {
  clock = START;
  store = await openStore(':memory:');
});

afterEach(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await store.close();
});

describe('pushing a conversation', () => {
  it('stores the visitor, the conversation and every message, and answers 201', async () => {
    await start();
    const res = await push(pushConversationExample);
    expect(res.status).toBe(201);
    const answer = res.json as PushConversationResponse;
    expect(answer).toMatchObject({ result: 'created', company: 'yritys-oy', messages: { received: 5, stored: 5, duplicates: 0 } });

    const party = (await store.getRecord(answer.refs.party))!.record as PartyRecord;
    expect(party.name.full).toBe('Anssi Mäkelä');
    expect(party.identifiers.map((i) => [i.kind, i.value, i.raw])).toEqual([
      ['external_id', `${PARTNER}:vis-8812`, 'vis-8812'],
      ['email', 'anssi.makela@example.fi', 'Anssi.Makela@example.fi'],
      ['phone', '0401234567', '040 123 4567'],
      ['order_number', 'YO-100234', 'YO-100234'],
    ]);
    const kase = (await store.getRecord(answer.refs.case))!.record as Case;
    expect(kase).toMatchObject({ channel: 'chat', status: 'closed', subject: 'Paidan koko', team: PARTNER, agent: 'Liisa Virtanen', firstResponseAt: '2026-11-15T09:13:10+02:00' });
    expect(kase.ref).toEqual({ system: 'chat', connection: PARTNER, type: 'conversation', id: 'yritys-oy/conv-20261115-0042' });

    const messages = (await store.listRecords({ caseRef: kase.ref, entity: 'interaction', order: 'key' })).map((r) => r.record as Interaction);
    expect(messages.map((m) => [m.ref.id.split('/').pop(), m.direction, m.agent ?? null])).toEqual([
      ['msg-1', 'inbound', null], ['msg-2', 'outbound', 'Liisa Virtanen'], ['msg-3', 'inbound', null],
      ['msg-4', 'outbound', 'Liisa Virtanen'], ['msg-5', 'inbound', null],
    ]);
    expect(messages.every((m) => m.channel === 'chat' && m.partyRef?.id === 'yritys-oy/vis-8812')).toBe(true);
    const stored = await store.getRecord(answer.refs.case);
    expect(stored?.source).toBe('webhook');
  });

  it('stores nothing new when the same push is repeated, and answers 200 unchanged', async () => {
    await start();
    await push(pushConversationExample);
    const seq = await store.latestSeq();
    const again = await push(pushConversationExample);
    expect(again.status).toBe(200);
    expect(again.json).toMatchObject({ result: 'unchanged', messages: { received: 5, stored: 0, duplicates: 5 } });
    expect(await store.latestSeq()).toBe(seq);
    expect(await store.countRecords({ system: 'chat', entity: 'interaction' })).toBe(5);
  });

  it('appends only the new messages of a known conversation, keeping a stored message even if its text is resent changed', async () => {
    await start();
    await push(pushConversationExample);
    const later = {
      ...pushConversationExample,
      conversation: { ...pushConversationExample.conversation, status: 'open' as const, endedAt: undefined },
      messages: [
        { ...pushConversationExample.messages[4]!, text: 'edited afterwards' },
        { id: 'msg-6', at: '2026-11-15T09:30:00+02:00', from: 'visitor' as const, text: 'Vielä yksi kysymys: onko L-kokoa varastossa?' },
      ],
    };
    const res = await rawPush(JSON.stringify(later), signed(JSON.stringify(later)));
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ result: 'appended', messages: { received: 2, stored: 1, duplicates: 1 } });
    const interactions = await store.listRecords({ system: 'chat', entity: 'interaction', order: 'key' });
    expect(interactions).toHaveLength(6);
    expect(interactions.map((r) => (r.record as Interaction).text)).not.toContain('edited afterwards');
    const kase = (await store.getRecord(`chat:${PARTNER}:conversation:yritys-oy/conv-20261115-0042`))!.record as Case;
    expect(kase).toMatchObject({ status: 'open', reopenCount: 1, createdAt: '2026-11-15T09:12:03+02:00', agent: 'Liisa Virtanen', updatedAt: '2026-11-15T09:30:00+02:00' });
  });

  it('answers 200 updated when a known conversation changes status without new messages', async () => {
    await start();
    await push({ ...pushConversationExample, conversation: { ...pushConversationExample.conversation, status: 'open', endedAt: undefined } });
    const closed = await push(pushConversationExample);
    expect(closed.status).toBe(200);
    expect(closed.json).toMatchObject({ result: 'updated', messages: { stored: 0, duplicates: 5 } });
    const kase = (await store.getRecord(closed.json.refs!.case))!.record as Case;
    expect([kase.status, kase.closedAt]).toEqual(['closed', '2026-11-15T09:18:40+02:00']);
  });

  it('answers 503 and acknowledges nothing when the store cannot take the batch', async () => {
    await start({ store: { getRecord: (ref) => store.getRecord(ref), upsertBatch: () => Promise.reject(new Error('disk full')) } });
    const res = await push(pushConversationExample);
    expect(res.status).toBe(503);
    expect(res.json.error.code).toBe('STORE_UNAVAILABLE');
    expect(res.json.error.message).not.toContain('disk full');
    await expectNothingStored();
  });

  it('serves its OpenAPI document without a signature and leaves other paths to the server', async () => {
    await start();
    const unsigned = await fetch(`${baseUrl}/partner/v1/openapi.json`);
    expect(unsigned.status).toBe(200);
    expect(await unsigned.json()).toEqual(JSON.parse(JSON.stringify(buildOpenApiDocument())));
    const post = await fetch(`${baseUrl}/partner/v1/openapi.json`, { method: 'POST', body: '{}' });
    expect([post.status, post.headers.get('allow')]).toEqual([405, 'GET']);
    const other = await fetch(`${baseUrl}/health`);
    expect(await other.text()).toBe('not the partner api');
    const unknown = await fetch(`${baseUrl}/partner/v1/nothing`);
    expect(unknown.status).toBe(404);
    expect((await unknown.json() as { error: { code: string } }).error.code).toBe('NOT_FOUND');
  });
});

describe('authentication', () => {
  const body = JSON.stringify(pushConversationExample);

  it.each([
    ['no signature header', () => ({ 'x-silta-partner': PARTNER }), 'SIGNATURE_MISSING'],
    ['no partner header', () => ({ 'x-silta-signature': signTimestamped(SECRET, body, clock / 1000) }), 'PARTNER_UNKNOWN'],
    ['an unknown partner', () => ({ ...signed(body), 'x-silta-partner': 'joku-muu' }), 'PARTNER_UNKNOWN'],
    ['a wrong secret', () => signed(body, 'not-the-right-secret'), 'SIGNATURE_INVALID'],
    ['another partner\'s secret', () => signed(body, 'muu-partneri-secret-1'), 'SIGNATURE_INVALID'],
    ['a timestamp six minutes old', () => signed(body, SECRET, clock / 1000 - 360), 'TIMESTAMP_STALE'],
    ['a timestamp six minutes ahead', () => signed(body, SECRET, clock / 1000 + 360), 'TIMESTAMP_STALE'],
    ['a header without t=', () => ({ 'x-silta-partner': PARTNER, 'x-silta-signature': `v1=${'a'.repeat(64)}` }), 'SIGNATURE_MALFORMED'],
  ])('refuses %s with 401 and stores nothing', async (_what, headers, code) => {
    await start();
    const res = await rawPush(body, headers());
    expect(res.status).toBe(401);
    expect(res.json.error.code).toBe(code);
    expect(res.json.error.message).not.toContain(SECRET);
    await expectNothingStored();
  });

  it('refuses a body changed after signing', async () => {
    await start();
    const headers = signed(body);
    const res = await rawPush(body.replace('Anssi Mäkelä', 'Eve Attacker'), headers);
    expect(res.status).toBe(401);
    await expectNothingStored();
  });

  it('accepts a timestamp four minutes off, and both secrets while rotating', async () => {
    await start();
    const first = await rawPush(body, signed(body, OLD_SECRET, clock / 1000 - 240));
    expect(first.status).toBe(201);
    const second = await push(pushConversationExample, SECRET);
    expect([second.status, second.json.result]).toEqual([200, 'unchanged']);
  });
});

describe('refusals that store nothing', () => {
  it('answers 403 for a company the partner may not serve', async () => {
    await start();
    const res = await push({ ...pushConversationExample, company: 'toinen-oy' });
    expect(res.status).toBe(403);
    expect(res.json.error).toMatchObject({ code: 'COMPANY_FORBIDDEN', field: 'company' });
    await expectNothingStored();
  });

  it('answers 400 for malformed JSON', async () => {
    await start();
    const body = '{"company": "yritys-oy", ';
    const res = await rawPush(body, signed(body));
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('BODY_INVALID_JSON');
    await expectNothingStored();
  });

  it.each([
    ['messages[1].at', (b: Record<string, unknown>) => ({ ...b, messages: pushConversationExample.messages.map((m, i) => (i === 1 ? { ...m, at: 'eilen' } : m)) })],
    ['visitor.email', (b: Record<string, unknown>) => ({ ...b, visitor: { ...pushConversationExample.visitor, email: 'anssi at example' } })],
    ['conversation.id', (b: Record<string, unknown>) => ({ ...b, conversation: { ...pushConversationExample.conversation, id: 42 } })],
    ['messages[1].agent', (b: Record<string, unknown>) => ({ ...b, messages: pushConversationExample.messages.map((m, i) => (i === 1 ? { ...m, agent: undefined } : m)) })],
    ['messages[3].id', (b: Record<string, unknown>) => ({ ...b, messages: pushConversationExample.messages.map((m, i) => (i === 3 ? { ...m, id: 'msg-1' } : m)) })],
    ['visitor.emial', (b: Record<string, unknown>) => ({ ...b, visitor: { ...pushConversationExample.visitor, emial: 'typo@example.fi' } })],
  ])('answers 400 naming %s when the body breaks the schema', async (field, change) => {
    await start();
    const body = JSON.stringify(change(pushConversationExample as unknown as Record<string, unknown>));
    const res = await rawPush(body, signed(body));
    expect(res.status).toBe(400);
    expect(res.json.error).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(res.json.error.field).toBe(field);
    expect(res.json.error.message.startsWith(`${field}: `)).toBe(true);
    await expectNothingStored();
  });

  it('answers 413 for a body over the limit, signed or not', async () => {
    await start({ maxBodyBytes: 4096 });
    const big = JSON.stringify({ ...pushConversationExample, messages: [{ ...pushConversationExample.messages[0]!, text: 'x'.repeat(5000) }] });
    const res = await rawPush(big, signed(big));
    expect(res.status).toBe(413);
    expect(res.json.error.code).toBe('BODY_TOO_LARGE');
    await expectNothingStored();
  });

  it('answers 429 with Retry-After past the per-partner limit, and lets the partner in again after waiting', async () => {
    await start({ rateLimit: { requests: 2, windowMs: 60_000 } });
    const conversation = (n: number) => ({ ...pushConversationExample, conversation: { ...pushConversationExample.conversation, id: `conv-${n}` } });
    expect((await push(conversation(1))).status).toBe(201);
    clock += 10_000;
    expect((await push(conversation(2))).status).toBe(201);
    const before = await store.latestSeq();
    const res = await push(conversation(3));
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('50');
    expect(res.json.error.code).toBe('RATE_LIMITED');
    expect(await store.latestSeq()).toBe(before);
    expect(await store.countRecords({ system: 'chat', entity: 'case' })).toBe(2);
    const unsigned = await rawPush('{}', { 'x-silta-partner': PARTNER });
    expect(unsigned.status, 'an unsigned request is refused before it can use up the partner\'s quota').toBe(401);
    clock += 50_000;
    expect((await push(conversation(3))).status).toBe(201);
  });
});
