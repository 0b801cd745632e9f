import { afterEach, describe, expect, it } from 'vitest';
import { ValidationError, type StreamBatch, type StreamDefinition } from '@silta/kit';
import type { CanonicalRecord } from '@silta/model';
import type { FreshdeskClient } from '../src/client';
import type { FreshdeskConfigInput } from '../src/config';
import { freshdeskConnector } from '../src/connector';
import type { FreshdeskSimulator } from '../src/testing';
import { clientFor, drain, startSim, streamCtx } from './sync-helpers';

// Each stream's `map` (what `silta dlq replay` calls with a dead letter's payload) must judge and map one raw
// payload exactly as reading does: same records for a valid payload, a ValidationError naming the field otherwise.

type Stream = StreamDefinition<FreshdeskConfigInput, FreshdeskClient, unknown>;
const replayCtx = { config: { domain: 'yritys', apiKey: 'x' }, connection: 'yritys-oy' };

let sim: FreshdeskSimulator | undefined;
afterEach(async () => { await sim?.stop(); sim = undefined; });

function mapOf(stream: Stream): NonNullable<Stream['map']> {
  expect(stream.map, `stream ${stream.name} has no map`).toBeTypeOf('function');
  return stream.map!.bind(stream);
}

/** The records of a read grouped by the raw payload they came from (`raw` is the validated payload itself). */
function byPayload(batches: Array<StreamBatch<unknown>>): Map<string, { payload: unknown; records: CanonicalRecord[] }> {
  const out = new Map<string, { payload: unknown; records: CanonicalRecord[] }>();
  for (const b of batches) for (const r of b.records) {
    const key = JSON.stringify(r.raw);
    const entry = out.get(key) ?? { payload: r.raw, records: [] };
    entry.records.push(r);
    out.set(key, entry);
  }
  return out;
}

function expectRejectNaming(map: NonNullable<Stream['map']>, payload: unknown, field: string): void {
  let thrown: unknown;
  try { map(payload, replayCtx); } catch (error) { thrown = error; }
  expect(thrown).toBeInstanceOf(ValidationError);
  expect((thrown as ValidationError).issues.map((i) => i.path)).toContain(field);
  expect((thrown as Error).message).toContain(`${field}: `);
}

describe('stream map (dead-letter replay)', () => {
  it.each(['tickets', 'contacts', 'companies', 'satisfaction_ratings'] as const)(
    '%s: maps a valid payload to the records reading emits for it, and names the field of an invalid one',
    async (name) => {
      sim = await startSim({ tickets: 25, seed: 31 });
      const stream = freshdeskConnector.streams[name] as Stream;
      const map = mapOf(stream);
      const read = byPayload(await drain(stream, streamCtx(clientFor(sim))));
      expect(read.size).toBeGreaterThan(0);
      for (const { payload, records } of read.values()) expect(map(structuredClone(payload), replayCtx)).toEqual(records);
      const [sample] = [...read.values()];
      expectRejectNaming(map, { ...(sample!.payload as object), created_at: 42 }, 'created_at');
    },
  );

  it.each(['agents', 'groups', 'time_entries'] as const)(
    '%s: validates a payload again (no canonical entity, so nothing to store) and names the field of an invalid one',
    async (name) => {
      sim = await startSim({ tickets: 25, seed: 32 });
      const stream = freshdeskConnector.streams[name] as Stream;
      const map = mapOf(stream);
      const batches = await drain(stream, streamCtx(clientFor(sim)));
      const items = batches.flatMap((b) => (b as unknown as { items: unknown[] }).items);
      expect(items.length).toBeGreaterThan(0);
      for (const item of items) expect(map(item, replayCtx)).toEqual([]);
      expectRejectNaming(map, { ...(items[0] as object), created_at: 42 }, 'created_at');
    },
  );

  it('tickets: replays the payload a read rejected once it is valid, and still rejects it as read did', async () => {
    sim = await startSim({ tickets: 10, seed: 33 });
    const map = mapOf(freshdeskConnector.streams.tickets as Stream);
    const clean = byPayload(await drain(freshdeskConnector.streams.tickets, streamCtx(clientFor(sim))));
    const original = [...clean.values()].find((e) => (e.payload as { id: number }).id === 4)!;
    sim.state.tickets.get(4)!.priority = 5;
    const rejects = (await drain(freshdeskConnector.streams.tickets, streamCtx(clientFor(sim)))).flatMap((b) => b.rejects ?? []);
    expect(rejects).toHaveLength(1);
    expect(() => map(rejects[0]!.payload, replayCtx)).toThrow(rejects[0]!.error.message);
    expectRejectNaming(map, rejects[0]!.payload, 'priority');
    const repaired = { ...(rejects[0]!.payload as object), priority: (original.payload as { priority: number }).priority };
    expect(map(repaired, replayCtx)).toEqual(original.records);
  });
});

describe('conversations map', () => {
  it('stores a rejected conversation with its ticket, and maps it as reading did once it is valid', async () => {
    sim = await startSim({ tickets: 12, seed: 34 });
    const stream = freshdeskConnector.streams.conversations;
    const map = mapOf(stream as Stream);
    const clean = byPayload(await drain(stream, streamCtx(clientFor(sim))));
    const conv = sim.state.conversations.find((c) => !c.incoming)!;
    const ticket = sim.state.tickets.get(conv.ticket_id)!;
    const original = [...clean.values()].find((e) => (e.payload as { id: number }).id === conv.id)!;
    // Every clean conversation maps, through the stored form, to what reading emitted.
    for (const { payload, records } of clean.values()) {
      const t = sim.state.tickets.get((payload as { ticket_id: number }).ticket_id)!;
      const stored = { ticket: { id: t.id, requester_id: t.requester_id, source: t.source, group_id: t.group_id }, conversation: payload };
      expect(map(stored, replayCtx)).toEqual(records);
    }

    (conv as unknown as { source: unknown }).source = 'email';
    const rejects = (await drain(stream, streamCtx(clientFor(sim)))).flatMap((b) => b.rejects ?? []);
    expect(rejects).toHaveLength(1);
    const payload = rejects[0]!.payload as { ticket: Record<string, unknown>; conversation: Record<string, unknown> };
    expect(payload.ticket).toEqual({ id: ticket.id, requester_id: ticket.requester_id, source: ticket.source, group_id: ticket.group_id });
    expect(payload.conversation).toMatchObject({ id: conv.id, source: 'email' });
    expectRejectNaming(map, payload, 'conversation.source');

    const repaired = { ...payload, conversation: { ...payload.conversation, source: (original.payload as { source: number }).source } };
    const [interaction] = map(repaired, replayCtx);
    expect(interaction).toEqual(original.records[0]);
    // The ticket context matters: an agent reply's party is the ticket's requester.
    expect(interaction).toMatchObject({ partyRef: { type: 'contact', id: String(ticket.requester_id) } });
  });

  it('still maps a bare conversation (dead letters written before rejects carried their ticket), without the ticket', async () => {
    sim = await startSim({ tickets: 8, seed: 35 });
    const map = mapOf(freshdeskConnector.streams.conversations as Stream);
    const clean = byPayload(await drain(freshdeskConnector.streams.conversations, streamCtx(clientFor(sim))));
    const agentReply = [...clean.values()].find((e) => (e.records[0] as { direction?: string }).direction === 'outbound')!;
    const [interaction] = map(agentReply.payload, replayCtx);
    expect(interaction).toMatchObject({ entity: 'interaction', ref: agentReply.records[0]!.ref, direction: 'outbound' });
    expect(interaction).not.toHaveProperty('partyRef');
    expectRejectNaming(map, { ...(agentReply.payload as object), ticket_id: null }, 'ticket_id');
  });

  it('refuses to replay a changed ticket the stream could not read, saying how to re-read its conversations', () => {
    const map = mapOf(freshdeskConnector.streams.conversations as Stream);
    expect(() => map({ id: 9, requester_id: 5, status: 'open' }, replayCtx))
      .toThrow(/ticket 9, which this stream could not read.*silta sync --stream conversations --full --once/);
  });
});
