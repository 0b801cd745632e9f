import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ValidationError, defineConnector, signHmacSha256, verifyHmacSha256, type WebhookDefinition } from '@silta/kit';
import type { Case } from '@silta/model';
import { storeBackends, type Backend } from './store-backends';
import type { SiltaStore } from '../src/store/types';
import { createServer, type SiltaServer } from '../src/serve/server';
import { webhookStreamKey } from '../src/inbox/process';

const SECRET = 'test-webhook-secret';

/** A connector whose webhook signs bodies with HMAC-SHA256 and maps `{ ticket }` to a case. */
const ticketHook: WebhookDefinition<{ secret: string }> = {
  name: 'ticket',
  verify(req, config) {
    const sig = req.headers['x-signature'];
    verifyHmacSha256(req.rawBody, Array.isArray(sig) ? sig[0] : sig, config.secret);
  },
  parse(body, ctx): Case[] {
    const t = (body as { ticket?: Record<string, unknown> }).ticket;
    if (!t || typeof t.id !== 'number') {
      throw new ValidationError({ issues: [{ path: 'ticket.id', message: 'is required and must be a number' }], payload: body });
    }
    return [{
      entity: 'case', ref: { system: 'acme', connection: ctx.connection, type: 'ticket', id: String(t.id) },
      status: 'open', priority: 'medium', channel: 'email', subject: String(t.subject), tags: [],
      createdAt: '2026-11-01T08:00:00Z', updatedAt: String(t.updated_at), reopenCount: 0,
    }];
  },
};
const acme = defineConnector({
  system: 'acme', config: z.object({ secret: z.string() }), createClient: () => ({}),
  streams: {}, actions: {}, webhooks: { ticket: ticketHook },
});

let backend: Backend;
let store: SiltaStore;
let app: SiltaServer;
let base: string;

describe.each(await storeBackends())('webhooks on %s', (_name, makeBackend) => {
  beforeEach(async () => {
    backend = makeBackend();
    store = await backend.open();
    app = createServer({ store, connections: { helpdesk: { connector: acme, config: { secret: SECRET } } }, limits: { maxBodyBytes: 4096 } });
    base = (await app.listen(0)).url;
  });
  afterEach(async () => {
    await app.close();
    await backend.cleanup();
  });

  function post(body: string, signature = signHmacSha256(SECRET, body), path = '/webhooks/helpdesk/ticket') {
    return fetch(`${base}${path}`, { method: 'POST', body, headers: { 'content-type': 'application/json', 'x-signature': signature } });
  }
  function ticketBody(id: number, subject: string, updatedAt: string): string {
    return JSON.stringify({ ticket: { id, subject, updated_at: updatedAt } });
  }
  async function eventually<T>(read: () => Promise<T | undefined>, what: string): Promise<T> {
    const until = Date.now() + 5_000;
    for (;;) {
      const value = await read();
      if (value !== undefined) return value;
      if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }
  async function inboxTotal(): Promise<number> {
    const c = await store.inboxCounts();
    return c.pending + c.claimed + c.done + c.failed;
  }

  describe('POST /webhooks/<connection>/<webhook>', () => {
    it('answers 401 to a bad signature and stores nothing', async () => {
      const res = await post(ticketBody(1, 'Lasku', '2026-11-01T10:00:00Z'), 'a'.repeat(64));
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ code: 'WEBHOOK_SIGNATURE_INVALID' });
      const unsigned = await fetch(`${base}/webhooks/helpdesk/ticket`, { method: 'POST', body: '{}' });
      expect(unsigned.status).toBe(401);
      expect(await inboxTotal()).toBe(0);
    });

    it('answers 400 naming the problem for malformed JSON, and stores nothing', async () => {
      const res = await post('{"ticket": {"id": 1,');
      expect(res.status).toBe(400);
      const body = (await res.json()) as { error: string; code: string };
      expect(body.code).toBe('WEBHOOK_BODY_INVALID_JSON');
      expect(body.error).toMatch(/^body is not valid JSON: /);
      expect(await inboxTotal()).toBe(0);
    });

    it('answers 413 with a JSON message to a body over the limit', async () => {
      const big = JSON.stringify({ ticket: { id: 1, subject: 'x'.repeat(10_000) } });
      const res = await post(big);
      expect(res.status).toBe(413);
      expect(await res.json()).toMatchObject({ code: 'WEBHOOK_BODY_TOO_LARGE', error: expect.stringContaining('4096 bytes') });
      expect(await inboxTotal()).toBe(0);
    });

    it('answers 413 to a chunked body that grows past the limit while streaming', async () => {
      const { request } = await import('node:http');
      const status = await new Promise<number>((resolve, reject) => {
        const req = request(`${base}/webhooks/helpdesk/ticket`, { method: 'POST', headers: { 'transfer-encoding': 'chunked', 'x-signature': 'a'.repeat(64) } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        for (let i = 0; i < 5; i++) req.write('x'.repeat(1000));
        req.end();
      });
      expect(status).toBe(413);
      expect(await inboxTotal()).toBe(0);
    });

    it('answers 404 for an unknown webhook and 405 for a GET', async () => {
      expect((await post('{}', undefined, '/webhooks/helpdesk/nope')).status).toBe(404);
      expect((await fetch(`${base}/webhooks/helpdesk/ticket`)).status).toBe(405);
    });

    it('accepts a valid webhook with 202 after storing it, then processes it into a record', async () => {
      const res = await post(ticketBody(42, 'Kysymys laskusta', '2026-11-01T10:00:00Z'));
      expect(res.status).toBe(202);
      const { id } = (await res.json()) as { id: number };
      expect((await store.inboxGet(id))?.body).toContain('Kysymys laskusta');
      const stored = await eventually(() => store.getRecord({ system: 'acme', connection: 'helpdesk', type: 'ticket', id: '42' }), 'the record');
      expect(stored.source).toBe('webhook');
      expect(stored.record).toMatchObject({ subject: 'Kysymys laskusta' });
      expect((await eventually(async () => ((await store.inboxGet(id))?.status === 'done' ? true : undefined), 'inbox done'))).toBe(true);
    });

    it('dead-letters a valid request that cannot be mapped, with the reason', async () => {
      const res = await post(JSON.stringify({ ticket: { subject: 'no id' } }));
      expect(res.status).toBe(202);
      const [entry] = await eventually(async () => {
        const list = await store.dlqList({ kind: 'webhook' });
        return list.length ? list : undefined;
      }, 'a DLQ entry');
      expect(entry!.reason).toMatch(/ticket\.id: is required/);
      expect(entry!.payload).toMatchObject({ connection: 'helpdesk', webhook: 'ticket', body: expect.stringContaining('no id') });
      expect(await store.countRecords({ system: 'acme' })).toBe(0);
    });

    it('dead-letters a webhook whose mapped record the store refuses, and keeps serving', async () => {
      // The connector maps it, but to a record with an impossible timestamp.
      expect((await post(ticketBody(8, 'Huono aika', 'eilen'))).status).toBe(202);
      const [entry] = await eventually(async () => {
        const list = await store.dlqList({ kind: 'webhook' });
        return list.length ? list : undefined;
      }, 'a DLQ entry');
      expect(entry!.reason).toMatch(/could not be mapped: .*updatedAt/);
      expect((await post(ticketBody(9, 'Hyvä', '2026-11-01T10:00:00Z'))).status).toBe(202);
      await eventually(() => store.getRecord({ system: 'acme', connection: 'helpdesk', type: 'ticket', id: '9' }), 'the next record');
    });

    it('keeps a webhook update over an older polled version of the same record', async () => {
      const ref = { system: 'acme', connection: 'helpdesk', type: 'ticket', id: '7' };
      expect((await post(ticketBody(7, 'Päivitetty webhookilla', '2026-11-01T12:00:00Z'))).status).toBe(202);
      await eventually(() => store.getRecord(ref), 'the webhook record');
      // A poll that fetched the ticket before the webhook's update arrives afterwards.
      const polled: Case = {
        entity: 'case', ref, status: 'open', priority: 'medium', channel: 'email', subject: 'Vanha kyselyversio', tags: [],
        createdAt: '2026-11-01T08:00:00Z', updatedAt: '2026-11-01T11:00:00Z', reopenCount: 0,
      };
      const result = await store.upsertBatch({ streamKey: 'acme:helpdesk:tickets', records: [polled], source: 'poll' });
      expect(result.skippedStale).toBe(1);
      const now = await store.getRecord(ref);
      expect(now?.record).toMatchObject({ subject: 'Päivitetty webhookilla' });
      expect(now?.source).toBe('webhook');
      expect(now?.streamKey).toBe(webhookStreamKey('acme', 'helpdesk', 'ticket'));
    });
  });

  describe('GET /health', () => {
    it('reports the store and the inbox', async () => {
      const res = await fetch(`${base}/health`);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ status: 'ok', store: store.kind, routes: ['/webhooks/helpdesk/ticket'] });
      await post(ticketBody(3, 'Lasku', '2026-11-01T10:00:00Z'));
      await eventually(async () => ((await store.inboxCounts()).done === 1 ? true : undefined), 'processing');
      const detail = (await (await fetch(`${base}/health?detail`)).json()) as Record<string, unknown>;
      expect(detail).toMatchObject({ inbox: { done: 1, pending: 0 }, outbox: { pending: 0 }, deadLetters: 0, changeFeed: { latest: 1, rules: 0 } });
    });
  });
});
