import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineAction, defineConnector } from '@silta/kit';
import { storeBackends, type Backend } from './store-backends';
import type { SiltaStore } from '../src/store/types';
import { deliver } from '../src/outbox/deliver';
import { idempotencyKeyFor } from '../src/outbox/idempotency-key';

/**
 * A loopback helpdesk that keeps notes per ticket and can misbehave: answer 503 for the next N posts, or
 * store a note and then drop the connection before answering (the "lost 201").
 */
interface NoteService { url: string; notes: Map<string, string[]>; posts: number; fail503: number; fail400: boolean; dropAfterStore: number; server: Server }
async function startNoteService(): Promise<NoteService> {
  const svc = { notes: new Map<string, string[]>(), posts: 0, fail503: 0, fail400: false, dropAfterStore: 0 } as NoteService;
  svc.server = createServer((req, res) => {
    const m = /^\/tickets\/(\w+)\/notes$/.exec(req.url ?? '');
    if (!m) return void res.writeHead(404).end();
    const ticket = m[1]!;
    if (req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(svc.notes.get(ticket) ?? []));
      return;
    }
    let body = '';
    req.on('data', (c: Buffer) => (body += c));
    req.on('end', () => {
      svc.posts++;
      if (svc.fail400) return void res.writeHead(400, { 'content-type': 'application/json' }).end('{"description":"Validation failed"}');
      if (svc.fail503 > 0) {
        svc.fail503--;
        return void res.writeHead(503).end();
      }
      const list = svc.notes.get(ticket) ?? [];
      list.push((JSON.parse(body) as { body: string }).body);
      svc.notes.set(ticket, list);
      if (svc.dropAfterStore > 0) {
        svc.dropAfterStore--;
        req.socket.destroy();
        return;
      }
      res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ id: list.length }));
    });
  });
  await new Promise<void>((r) => svc.server.listen(0, '127.0.0.1', r));
  svc.url = `http://127.0.0.1:${(svc.server.address() as AddressInfo).port}`;
  return svc;
}

class HttpStatusError extends Error {
  constructor(readonly status: number) {
    super(`HTTP ${status}`);
  }
}

const NoteInput = z.object({ ticketId: z.string(), body: z.string() });
const marker = (key: string) => `<!-- silta:${key} -->`;
const addNote = defineAction<{ baseUrl: string }, unknown, z.infer<typeof NoteInput>, { id: number }>({
  name: 'addNote',
  input: NoteInput,
  async run(ctx, input) {
    const res = await fetch(`${ctx.config.baseUrl}/tickets/${input.ticketId}/notes`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ body: `${input.body}\n${marker(ctx.idempotencyKey)}` }),
    });
    if (res.status !== 201) throw new HttpStatusError(res.status);
    return (await res.json()) as { id: number };
  },
  async findPrevious(ctx, input) {
    const res = await fetch(`${ctx.config.baseUrl}/tickets/${input.ticketId}/notes`);
    const notes = (await res.json()) as string[];
    const i = notes.findIndex((n) => n.includes(marker(ctx.idempotencyKey)));
    return i >= 0 ? { id: i + 1 } : undefined;
  },
});
/** An action that never answers on its own: only the attempt's deadline ends it. */
const hang = defineAction<{ baseUrl: string }, unknown, object, never>({
  name: 'hang', input: z.object({}),
  run: (ctx) => new Promise((_resolve, reject) => ctx.signal?.addEventListener('abort', () => reject(new Error('attempt timed out')))),
});
const helpdesk = defineConnector({
  system: 'notes', config: z.object({ baseUrl: z.string() }), createClient: () => ({}), streams: {}, actions: { addNote, hang }, webhooks: {},
});

let backend: Backend;
let store: SiltaStore;
let svc: NoteService;
let connections: Parameters<typeof deliver>[0]['connections'];
const ticketRef = { system: 'notes', connection: 'helpdesk', type: 'ticket', id: '123' };

describe.each(await storeBackends())('outbox on %s', (_name, makeBackend) => {
  beforeEach(async () => {
    backend = makeBackend();
    store = await backend.open();
    svc = await startNoteService();
    connections = { helpdesk: { connector: helpdesk, config: { baseUrl: svc.url } } };
  });
  afterEach(async () => {
    await backend.cleanup();
    await new Promise((r) => svc.server.close(r));
  });

  async function enqueue(version = 'v1') {
    const key = idempotencyKeyFor('invoice questions to billing', ticketRef, version, '1:helpdesk.addNote');
    return store.outboxEnqueue({ key, rule: 'invoice questions to billing', action: 'addNote', connection: 'helpdesk', input: { ticketId: '123', body: 'Context' }, sourceRef: ticketRef, version });
  }

  describe('outbox enqueue', () => {
    it('is idempotent by key: the same rule, record and version is queued once', async () => {
      const first = await enqueue();
      const again = await enqueue();
      expect(first.created).toBe(true);
      expect(again.created).toBe(false);
      expect(again.job.id).toBe(first.job.id);
      expect((await enqueue('v2')).created).toBe(true);
      const counts = await store.outboxCounts();
      expect(counts.pending).toBe(2);
    });
  });

  describe('deliver()', () => {
    it('delivers a due job once and marks it done', async () => {
      const { job } = await enqueue();
      const summary = await deliver({ store, connections });
      expect(summary).toMatchObject({ delivered: 1, retried: 0, deadLettered: 0 });
      expect(svc.notes.get('123')).toHaveLength(1);
      expect(svc.notes.get('123')![0]).toContain(marker(job.key));
      expect((await store.outboxGet(job.id))?.status).toBe('done');
      expect(await deliver({ store, connections })).toMatchObject({ delivered: 0 });
    });

    it('retries a failing action with growing backoff, then succeeds', async () => {
      svc.fail503 = 2;
      const { job } = await enqueue();
      let clock = Date.now();
      const opts = { store, connections, now: () => new Date(clock), backoff: { baseMs: 1_000, jitter: 0 } };
      expect(await deliver(opts)).toMatchObject({ retried: 1 });
      const first = await store.outboxGet(job.id);
      expect(Date.parse(first!.nextAttemptAt) - clock).toBe(1_000);
      expect(first!.lastError).toMatch(/503/);
      expect(await deliver(opts)).toMatchObject({ retried: 0, delivered: 0 }); // not due yet
      clock += 1_000;
      expect(await deliver(opts)).toMatchObject({ retried: 1 });
      expect(Date.parse((await store.outboxGet(job.id))!.nextAttemptAt) - clock).toBe(2_000);
      clock += 2_000;
      expect(await deliver(opts)).toMatchObject({ delivered: 1 });
      expect(svc.notes.get('123')).toHaveLength(1);
      expect(svc.posts).toBe(3);
    });

    it('moves the job to the dead-letter queue after the last retry, with the reason', async () => {
      svc.fail503 = 100;
      const { job } = await enqueue();
      let clock = Date.now();
      const opts = { store, connections, maxAttempts: 3, now: () => new Date(clock), backoff: { baseMs: 10, jitter: 0 } };
      for (let i = 0; i < 3; i++) {
        await deliver(opts);
        clock += 60_000;
      }
      expect((await store.outboxGet(job.id))?.status).toBe('dead');
      const [entry] = await store.dlqList({ kind: 'action' });
      expect(entry?.reason).toMatch(/helpdesk\.addNote failed after 3 attempts: HTTP 503/);
      expect(svc.posts).toBe(3);
    });

    it('dead-letters at once an error no retry can fix (a 400)', async () => {
      svc.fail400 = true;
      const { job } = await enqueue();
      expect(await deliver({ store, connections })).toMatchObject({ deadLettered: 1 });
      expect((await store.outboxGet(job.id))?.status).toBe('dead');
      expect(svc.posts).toBe(1);
    });

    it('does not post twice when the vendor stored the note but the 201 was lost', async () => {
      svc.dropAfterStore = 1;
      const { job } = await enqueue();
      let clock = Date.now();
      const opts = { store, connections, now: () => new Date(clock), backoff: { baseMs: 10, jitter: 0 } };
      expect(await deliver(opts)).toMatchObject({ retried: 1 });
      clock += 1_000;
      expect(await deliver(opts)).toMatchObject({ recovered: 1, delivered: 0 });
      expect(svc.notes.get('123')).toHaveLength(1);
      expect(svc.posts).toBe(1);
      expect((await store.outboxGet(job.id))?.status).toBe('done');
    });

    it('does not post twice when a worker died between the vendor\u2019s 201 and marking the job done', async () => {
      const { job } = await enqueue();
      const t0 = Date.now();
      // The crashed worker: claimed the job and posted the note, then died before outboxComplete.
      const [claimed] = await store.outboxClaim(1, new Date(t0), { leaseMs: 30_000 });
      await addNote.run({ config: { baseUrl: svc.url }, client: {}, connection: 'helpdesk', logger: console as never, idempotencyKey: claimed!.key }, { ticketId: '123', body: 'Context' });
      // While its lease holds nobody else takes the job; after it runs out the next worker checks first.
      expect(await deliver({ store, connections, now: () => new Date(t0 + 1_000) })).toMatchObject({ delivered: 0, recovered: 0 });
      expect(await deliver({ store, connections, now: () => new Date(t0 + 31_000) })).toMatchObject({ recovered: 1, delivered: 0 });
      expect(svc.notes.get('123')).toHaveLength(1);
      expect((await store.outboxGet(job.id))?.status).toBe('done');
    });

    it('ends an attempt that hangs before its lease runs out, and retries it later', async () => {
      const { job } = await store.outboxEnqueue({ key: 'sk_hang', rule: 'r', action: 'hang', connection: 'helpdesk', input: {} });
      const summary = await deliver({ store, connections, leaseMs: 2_000 });
      expect(summary).toMatchObject({ retried: 1, delivered: 0 });
      expect((await store.outboxGet(job.id))?.lastError).toBe('attempt timed out');
    });

    it('does not post twice when a dead-lettered job whose note did land is replayed', async () => {
      svc.dropAfterStore = 1;
      const { job } = await enqueue();
      expect(await deliver({ store, connections, maxAttempts: 1 })).toMatchObject({ deadLettered: 1 });
      expect(svc.notes.get('123')).toHaveLength(1); // it landed; only the answer was lost
      await store.outboxRequeue(job.id); // what `silta dlq replay` does
      expect(await deliver({ store, connections })).toMatchObject({ recovered: 1, delivered: 0 });
      expect(svc.notes.get('123')).toHaveLength(1);
    });
  });
});
