import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { ValidationError } from '@silta/kit';
import { createFreshdeskClient } from '../src/client';
import { contactsStream, conversationsStream, satisfactionRatingsStream, groupsStream, ticketsStream, type TicketsCheckpoint } from '../src/streams';
import type { FreshdeskSimulator } from '../src/testing';
import { clientFor, deliveries, drain, startSim, streamCtx } from './sync-helpers';

let sim: FreshdeskSimulator | undefined;
afterEach(async () => { await sim?.stop(); sim = undefined; nock.cleanAll(); });

describe('tickets stream', () => {
  it('backfills past the 300-page cap by re-slicing on updated_at, every ticket exactly once', async () => {
    sim = await startSim({ tickets: 650, seed: 5 });
    const batches = await drain(ticketsStream, streamCtx(clientFor(sim, { pageSize: 2 })));
    const cases = deliveries(batches, 'case');
    expect(cases.size).toBe(650);
    expect([...cases.values()].every((n) => n === 1)).toBe(true);
    expect(sim.state.counters.byStatus[400]).toBeUndefined();
    // 325 pages were needed: the walk re-sliced instead of asking for page 301.
    expect(sim.state.counters.requests).toBeGreaterThanOrEqual(326);
  });

  it('always sends updated_since (no 30-day window), ordered by updated_at ascending with includes', async () => {
    sim = await startSim({ tickets: 120, seed: 6 });
    const batches = await drain(ticketsStream, streamCtx(clientFor(sim)));
    expect(deliveries(batches, 'case').size).toBe(120);
    expect(deliveries(batches, 'interaction').size).toBe(120);
  });

  it('ends with the time the fetch started minus the overlap, and a second run reads only what changed', async () => {
    sim = await startSim({ tickets: 50, seed: 7 });
    const client = clientFor(sim, { overlapSeconds: 30 });
    const started = new Date();
    const first = await drain(ticketsStream, streamCtx(client, () => started));
    const cp = first.at(-1)!.checkpoint;
    expect(cp.updatedSince).toBe(new Date(started.getTime() - 30_000).toISOString().replace(/\.\d{3}Z$/, 'Z'));
    const t = sim.state.tickets.get(3)!;
    t.updated_at = Date.now();
    sim.state.ticketsChanged();
    const second = await drain(ticketsStream, streamCtx(client), cp);
    expect([...deliveries(second, 'case').keys()]).toEqual(['3']);
  });

  it('resumes from a mid-run checkpoint without losing or repeating tickets', async () => {
    sim = await startSim({ tickets: 300, seed: 8 });
    const ctx = streamCtx(clientFor(sim, { pageSize: 7 }));
    const firstPart: Array<{ records: Array<{ entity: string; ref: { id: string } }>; checkpoint: TicketsCheckpoint }> = [];
    for await (const b of ticketsStream.read(ctx, undefined)) { firstPart.push(b); if (firstPart.length === 10) break; }
    const rest = await drain(ticketsStream, ctx, firstPart.at(-1)!.checkpoint);
    const all = deliveries([...firstPart, ...rest] as Parameters<typeof deliveries>[0], 'case');
    expect(all.size).toBe(300);
    expect([...all.values()].every((n) => n === 1)).toBe(true);
  });

  it('survives 5xx, dropped connections and truncated JSON through retries', async () => {
    sim = await startSim({ tickets: 400, seed: 9, faults: { errorRate: 0.15, dropRate: 0.05, truncateRate: 0.1 } });
    const batches = await drain(ticketsStream, streamCtx(clientFor(sim, { pageSize: 20 })));
    const cases = deliveries(batches, 'case');
    expect(cases.size).toBe(400);
    expect([...cases.values()].every((n) => n === 1)).toBe(true);
    const f = sim.state.counters.faults;
    expect(f.error).toBeGreaterThan(0);
    expect(f.truncate).toBeGreaterThan(0);
    expect(f.drop).toBeGreaterThan(0);
  });

  it('waits out a 429 (Retry-After) when another tool has spent the window, then finishes without loss', async () => {
    sim = await startSim({ tickets: 200, seed: 10, requestsPerWindow: 40, windowSeconds: 3, chargeIncludes: false });
    // A neighbour on the same account spends the whole window first.
    const auth = { authorization: `Basic ${Buffer.from(`${sim.apiKey}:X`).toString('base64')}` };
    while ((await fetch(`${sim.url}/api/v2/groups`, { headers: auth })).status !== 429) { /* spend */ }
    const client = clientFor(sim, { pageSize: 10, requestsPerMinute: 40, windowSeconds: 3 });
    const batches = await drain(ticketsStream, streamCtx(client));
    expect(deliveries(batches, 'case').size).toBe(200);
    expect(client.stats().http429).toBeGreaterThanOrEqual(1);
    expect(client.stats().http429).toBeLessThanOrEqual(2);
  });

  it('puts a payload that fails its schema into rejects with a ValidationError, keeping the rest', async () => {
    const good = { id: 1, subject: 'Lasku', status: 2, priority: 1, source: 2, requester_id: 5, responder_id: null, group_id: null,
      company_id: null, type: null, tags: [], cc_emails: [], fwd_emails: [], reply_cc_emails: [], to_emails: null, fr_escalated: false,
      spam: false, is_escalated: false, email_config_id: null, product_id: null, custom_fields: {}, due_by: '2026-01-03T00:00:00Z',
      fr_due_by: '2026-01-02T00:00:00Z', created_at: '2026-01-01T00:00:00Z', updated_at: '2026-01-01T00:00:00Z', description_text: 'Hei' };
    const bad = { ...good, id: 2, status: 'open' };
    nock('https://yritys.freshdesk.com').get('/api/v2/tickets').query(true).reply(200, [good, bad]);
    const client = createFreshdeskClient({ domain: 'yritys', apiKey: 'k' }, { retry: false });
    const batches = await drain(ticketsStream, streamCtx(client));
    expect(deliveries(batches, 'case').size).toBe(1);
    const rejects = batches.flatMap((b) => b.rejects ?? []);
    expect(rejects).toHaveLength(1);
    expect(rejects[0]!.payload).toMatchObject({ id: 2 });
    expect(rejects[0]!.error).toBeInstanceOf(ValidationError);
    expect(rejects[0]!.error.message).toContain('status');
  });
});

describe('child and directory streams', () => {
  it('reads conversations of changed tickets only on the next run', async () => {
    sim = await startSim({ tickets: 60, seed: 12 });
    const client = clientFor(sim);
    const first = await drain(conversationsStream, streamCtx(client));
    expect(deliveries(first, 'interaction').size).toBe(sim.state.conversations.length);
    await client.http.post('/tickets/4/notes', { json: { body: '<p>Uusi huomio</p>' }, retrySafe: true });
    const second = await drain(conversationsStream, streamCtx(client), first.at(-1)!.checkpoint);
    const ids = [...deliveries(second, 'interaction').keys()];
    expect(ids.length).toBe(sim.state.conversationsByTicket.get(4)!.length);
  });

  it('syncs contacts with updated_since and resumes a run from its page checkpoint', async () => {
    sim = await startSim({ tickets: 300, seed: 13 });
    const client = clientFor(sim, { pageSize: 25 });
    const all = await drain(contactsStream, streamCtx(client));
    expect(deliveries(all, 'party').size).toBe(sim.state.contacts.size);
    const mid = all[1]!.checkpoint;
    expect(mid.page).toBe(3);
    const resumed = await drain(contactsStream, streamCtx(client), mid);
    expect(deliveries(resumed, 'party').size).toBe(sim.state.contacts.size - 50);
    // The resumed run still ends at the original run's start, not its own.
    expect(resumed.at(-1)!.checkpoint.since <= mid.runStartedAt!).toBe(true);
  });

  it('maps satisfaction ratings and marks full directory listings complete', async () => {
    sim = await startSim({ tickets: 200, seed: 14 });
    const client = clientFor(sim);
    const started = new Date('2026-11-01T12:00:00Z');
    const ratings = await drain(satisfactionRatingsStream, streamCtx(client, () => started));
    expect(deliveries(ratings, 'survey_response').size).toBe(sim.state.satisfactionRatings.length);
    // created_since looks back the overlap (60 s) plus satisfactionLookbackHours (24 h) from the fetch's start.
    expect(ratings.at(-1)!.checkpoint).toEqual({ since: '2026-10-31T11:59:00Z' });
    const groups = await drain(groupsStream, streamCtx(client));
    expect(groups.at(-1)!.complete).toBe(true);
    expect((groups.at(-1) as unknown as { items: Array<{ name: string }> }).items.map((g) => g.name)).toContain('Laskutus');
  });
});
