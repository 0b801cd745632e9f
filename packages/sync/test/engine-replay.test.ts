import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshdesk, type FreshdeskConnection } from '@silta/freshdesk';
import { createFreshdeskSimulator, type FreshdeskSimulator } from '@silta/freshdesk/testing';
import { openSqliteStore as openStore } from '../src/store/sqlite';
import type { SiltaStore } from '../src/store/types';
import { connection } from '../src/config/define-config';
import { replayDeadLetters } from '../src/engine/replay';
import { runStream } from '../src/engine/run-stream';
import { fakeConnector, newSource } from './engine-fixtures';

let dir: string;
let store: SiltaStore;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'silta-replay-'));
  store = await openStore(join(dir, 'silta.db'));
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('replayDeadLetters', () => {
  it('re-maps a rejected stream record once the payload (or the mapper) is fixed, and closes the entry', async () => {
    const source = newSource(5);
    source.rejectIds = new Set([2]);
    const connector = fakeConnector(source);
    await runStream({ store, connector, connectionName: 'helpdesk', config: { label: 'x' }, stream: 'tickets' });
    expect(await store.countRecords({ system: 'fake' })).toBe(4);
    const [entry] = await store.dlqList({ kind: 'record' });

    // Still broken: the entry stays open with the reason.
    const first = await replayDeadLetters(entry!.id, { store, connections: { helpdesk: connection(connector, { label: 'x' }) } });
    expect(first).toEqual([expect.objectContaining({ ok: false, detail: expect.stringContaining('invalid value "bogus"') })]);
    expect((await store.dlqGet(entry!.id))?.status).toBe('open');

    // The connector learned the value: replay stores the record without moving the stream's checkpoint.
    const fixed = fakeConnector(newSource(0));
    (fixed.streams.tickets as unknown as { map: (p: unknown, c: { connection: string }) => unknown[] }).map = (_p, c) => connector.streams.tickets.map({ id: 2, status: 'open' }, c);
    const second = await replayDeadLetters('all', { store, connections: { helpdesk: connection(fixed, { label: 'x' }) } });
    expect(second).toEqual([expect.objectContaining({ id: entry!.id, ok: true })]);
    expect(await store.countRecords({ system: 'fake' })).toBe(5);
    expect((await store.dlqGet(entry!.id))?.status).toBe('replayed');
    expect(await store.getCheckpoint('fake:helpdesk:tickets')).toEqual({ after: 5 });
  });

  it('parses a dead-lettered webhook body again with its connection\'s webhook', async () => {
    const entry = await store.dlqAdd({
      kind: 'webhook', reason: 'id: is required', source: 'inbox:1',
      payload: { inboxId: 1, connection: 'helpdesk', webhook: 'ticket', connector: 'fake', headers: {}, body: JSON.stringify({ id: 77 }) },
    });
    const out = await replayDeadLetters(entry.id, { store, connections: { helpdesk: connection(fakeConnector(newSource(0)), { label: 'x' }) } });
    expect(out[0]).toMatchObject({ ok: true, detail: '1 records (1 created, 0 updated)' });
    expect((await store.getRecord('fake:helpdesk:ticket:77'))?.source).toBe('webhook');
  });

  it('puts a dead outbox job back in the queue under the same idempotency key', async () => {
    await store.outboxEnqueue({ key: 'rule-1:ticket-5:v1', rule: 'rule-1', action: 'addNote', connection: 'helpdesk', input: { ticketId: '5' } });
    const [job] = await store.outboxClaim(1);
    const entry = await store.outboxDeadLetter(job!.id, 'vendor said 500 six times');
    const out = await replayDeadLetters(entry.id, { store, connections: {} });
    expect(out[0]).toMatchObject({ ok: true, detail: `outbox job ${job!.id} requeued` });
    expect((await store.outboxGet('rule-1:ticket-5:v1'))?.status).toBe('pending');
  });

  it('refuses, and leaves open, what it cannot replay: an unknown connection or a stream without a mapper', async () => {
    const orphan = await store.dlqAdd({ kind: 'record', reason: 'bad', source: 'fake:gone:tickets', payload: { id: 1 } });
    const contacts = await store.dlqAdd({ kind: 'record', reason: 'bad', source: 'fake:helpdesk:contacts', payload: { id: 1 } });
    const out = await replayDeadLetters('all', { store, connections: { helpdesk: connection(fakeConnector(newSource(0)), { label: 'x' }) } });
    expect(out.find((o) => o.id === orphan.id)?.detail).toMatch(/connection "gone" is not configured/);
    expect(out.find((o) => o.id === contacts.id)?.detail).toMatch(/stream contacts cannot re-map one payload; run "silta sync --stream contacts --full --once"/);
    expect(await store.dlqCount({ status: 'open' })).toBe(2);
  });

  it('says so when the id does not exist', async () => {
    await expect(replayDeadLetters(999, { store, connections: {} })).rejects.toMatchObject({ code: 'DEAD_LETTER_NOT_FOUND' });
  });
});

describe('replayDeadLetters with Freshdesk', () => {
  let sim: FreshdeskSimulator | undefined;
  afterEach(async () => { await sim?.stop(); sim = undefined; });

  /** The same connection, with a tickets stream whose `map` is replaced (a later connector release). */
  function withTicketsMap(conn: FreshdeskConnection, map: NonNullable<FreshdeskConnection['connector']['streams']['tickets']['map']>): FreshdeskConnection {
    const tickets = { ...conn.connector.streams.tickets, map };
    return { ...conn, connector: { ...conn.connector, streams: { ...conn.connector.streams, tickets } } };
  }

  it('replays a ticket the tickets stream dead-lettered: refused while still invalid, stored once the connector maps it', async () => {
    sim = createFreshdeskSimulator({ tickets: 12, seed: 41, requestsPerMinute: 1_000_000 });
    await sim.start();
    // The account holds a ticket with a priority this connector refuses (Freshdesk documents 1–4).
    sim.state.tickets.get(5)!.priority = 5;
    const conn = freshdesk({ domain: 'yritys', baseUrl: sim.url, apiKey: sim.apiKey });
    const run = await runStream({ store, connector: conn.connector, connectionName: 'helpdesk', config: conn.config, stream: 'tickets' });
    expect(run.counts).toMatchObject({ created: 22, failed: 1 });
    const [entry] = await store.dlqList({ kind: 'record' });
    expect(entry).toMatchObject({ source: 'freshdesk:helpdesk:tickets', reason: expect.stringContaining('priority'), payload: expect.objectContaining({ id: 5, priority: 5 }) });
    const checkpoint = await store.getCheckpoint('freshdesk:helpdesk:tickets');

    // Replayed by the Freshdesk stream's own `map` with the same schema and mapper: still refused, naming the field.
    const first = await replayDeadLetters('all', { store, connections: { helpdesk: conn } });
    expect(first).toEqual([expect.objectContaining({ id: entry!.id, ok: false, detail: 'priority: must be 1, 2, 3 or 4, got 5 [VALIDATION_FAILED]' })]);
    expect((await store.dlqGet(entry!.id))?.status).toBe('open');
    expect(await store.getRecord('freshdesk:helpdesk:ticket:5')).toBeUndefined();

    // A later release files priority 5 as urgent; the replay goes through the real stream's validation and mapping.
    const upgraded = withTicketsMap(conn, (payload, ctx) => conn.connector.streams.tickets.map!({ ...(payload as object), priority: 4 }, ctx));
    const second = await replayDeadLetters(entry!.id, { store, connections: { helpdesk: upgraded } });
    expect(second).toEqual([{ id: entry!.id, kind: 'record', ok: true, detail: '2 records (2 created, 0 updated)' }]);
    expect((await store.dlqGet(entry!.id))?.status).toBe('replayed');
    expect(await store.getRecord('freshdesk:helpdesk:ticket:5')).toMatchObject({ record: { entity: 'case', priority: 'urgent' } });
    expect(await store.getRecord('freshdesk:helpdesk:ticket:5:description')).toMatchObject({ record: { entity: 'interaction' } });
    expect(await store.getCheckpoint('freshdesk:helpdesk:tickets')).toEqual(checkpoint);
  });
});
