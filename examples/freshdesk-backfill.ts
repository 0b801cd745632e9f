/**
 * Backfills a simulated Freshdesk account with the connector's streams (tickets, their conversations,
 * contacts) and prints what arrived, how many requests it took and how the rate budget was used. No account
 * needed: the simulator runs on loopback with a short rate-limit window.
 *
 *   node --conditions=@silta/source --import tsx examples/freshdesk-backfill.ts
 *
 * Against a real account: drop the simulator, and call createFreshdeskClient({ domain: 'yritys',
 * apiKey: process.env.FRESHDESK_API_KEY!, plan: 'pro' }) instead (see docs/freshdesk-sync.md).
 */
import { silentLogger } from '@silta/kit';
import { contactsStream, conversationsStream, createFreshdeskClient, ticketsStream } from '@silta/freshdesk';
import { createFreshdeskSimulator } from '@silta/freshdesk/testing';

const sim = createFreshdeskSimulator({ tickets: 500, seed: 42, requestsPerMinute: 600, windowSeconds: 5 });
await sim.start();
try {
  const client = createFreshdeskClient({ domain: 'yritys', apiKey: sim.apiKey, baseUrl: sim.url, requestsPerMinute: 600, windowSeconds: 5 });
  const ctx = { config: { domain: 'yritys', apiKey: sim.apiKey }, client, connection: 'yritys-oy', logger: silentLogger, signal: new AbortController().signal, now: () => new Date() };
  const started = Date.now();
  for (const stream of [ticketsStream, conversationsStream, contactsStream] as const) {
    const counts = new Map<string, number>();
    let batches = 0;
    let rejected = 0;
    let checkpoint: unknown;
    for await (const batch of stream.read(ctx, undefined)) {
      batches++;
      rejected += batch.rejects?.length ?? 0;
      checkpoint = batch.checkpoint;
      for (const r of batch.records) counts.set(r.entity, (counts.get(r.entity) ?? 0) + 1);
    }
    const what = [...counts].map(([entity, n]) => `${n} ${entity}`).join(', ') || 'nothing';
    console.log(`${stream.name.padEnd(13)} ${what} in ${batches} batches, ${rejected} rejected; next checkpoint ${JSON.stringify(checkpoint)}`);
  }
  const c = sim.state.counters;
  console.log(`\n${c.requests} requests, ${c.http429} answered 429, budget utilisation ${(sim.state.utilisation() * 100).toFixed(1)}% over ${sim.state.windowsUsed()} windows, ${((Date.now() - started) / 1000).toFixed(1)} s`);
} finally {
  await sim.stop();
}
