/**
 * The store on its own: upsert a batch with its checkpoint, see the change events, read the feed, queue an
 * outbox job and a dead letter. Runs on a throwaway SQLite file; pass a postgres:// URL to use PostgreSQL.
 *
 *   node --conditions=@silta/source --import tsx examples/store-basics.ts [postgres://user@host/db]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Case } from '@silta/model';
import { openStore } from '@silta/sync';

const dir = mkdtempSync(join(tmpdir(), 'silta-store-example-'));
const store = await openStore(process.argv[2] ?? join(dir, '.silta/silta.db'));
console.log(`store: ${store.kind} at ${store.location}`);

const ticket = (id: string, updatedAt: string, status: Case['status']): Case => ({
  entity: 'case', ref: { system: 'freshdesk', connection: 'yritys-oy', type: 'ticket', id },
  partyRef: { system: 'freshdesk', connection: 'yritys-oy', type: 'contact', id: '42' },
  status, priority: 'medium', channel: 'email', subject: `Lasku ${id} – hyvitys?`, tags: ['lasku'],
  createdAt: '2026-11-01T08:00:00Z', updatedAt, reopenCount: 0,
});
const streamKey = 'freshdesk:yritys-oy:tickets';

try {
  // One transaction: records, their change events and the checkpoint.
  const first = await store.upsertBatch({
    streamKey, source: 'poll', checkpoint: { updatedSince: '2026-11-01T09:59:00Z' },
    records: [ticket('1', '2026-11-01T10:00:00Z', 'open'), ticket('2', '2026-11-01T10:05:00Z', 'open')],
  });
  console.log('first poll:', { created: first.created, events: first.events.map((e) => `${e.seq} ${e.kind} ${e.key}`) });

  // A webhook brings a fresher version; a later, older poll of the same ticket is skipped as stale.
  await store.upsertBatch({ streamKey: 'webhook:freshdesk:yritys-oy', source: 'webhook', records: [ticket('1', '2026-11-01T11:00:00Z', 'resolved')] });
  const stale = await store.upsertBatch({ streamKey, source: 'poll', records: [ticket('1', '2026-11-01T10:30:00Z', 'pending'), ticket('2', '2026-11-01T10:05:00Z', 'open')] });
  console.log('older poll:', { skippedStale: stale.skippedStale, unchanged: stale.unchanged, events: stale.events.length });

  // Prepare a batch up front (validation, JSON, hashes), e.g. while the previous one is being written; the
  // write itself runs on the SQLite writer thread, so this event loop stays free meanwhile.
  const prepared = await store.prepareUpsert({ streamKey, source: 'poll', records: [ticket('3', '2026-11-01T12:00:00Z', 'open')], checkpoint: { updatedSince: '2026-11-01T11:59:00Z' } });
  const third = await store.upsertBatch(prepared);
  console.log('prepared batch:', { created: third.created });

  // The change feed, read by a consumer that remembers its offset.
  for (const e of await store.readChanges({ afterSeq: await store.getOffset('example') })) {
    console.log(`  change ${e.seq}: ${e.kind} ${e.key} ${e.before?.entity === 'case' ? e.before.status : '-'} → ${e.after?.entity === 'case' ? e.after.status : '-'}`);
    await store.setOffset('example', e.seq);
  }
  console.log('checkpoint:', await store.getCheckpoint(streamKey));
  console.log('records of contact 42:', (await store.listRecordsByParty(['freshdesk:yritys-oy:contact:42'])).map((r) => r.key));

  // Outbox: the same idempotency key twice is one job.
  const job = { key: 'billing-note:freshdesk:yritys-oy:ticket:1:v1', rule: 'invoice questions', action: 'freshdesk.addNote', connection: 'helpdesk', input: { ticketId: '1', body: 'Laskutus hoitaa' } };
  const a = await store.outboxEnqueue(job);
  const b = await store.outboxEnqueue(job);
  console.log('outbox:', { firstCreated: a.created, secondCreated: b.created, sameJob: a.job.id === b.job.id });
  const [claimed] = await store.outboxClaim(1);
  const dead = await store.outboxDeadLetter(claimed!.id, 'vendor answered 400: ticket is closed');
  console.log('dead letter:', { id: dead.id, kind: dead.kind, reason: dead.reason, open: await store.dlqCount({ status: 'open' }) });
} finally {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}
