import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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
