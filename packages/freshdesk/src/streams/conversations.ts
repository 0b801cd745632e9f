import { defineStream, type StreamBatch } from '@silta/kit';
import type { CanonicalRecord } from '@silta/model';
import type { FreshdeskClient } from '../client';
import type { FreshdeskConfigInput } from '../config';
import { conversationToInteraction } from '../mappers';
import { ConversationSchema, type Ticket } from '../schemas';
import { TicketsCheckpointSchema, walkTickets, type TicketsCheckpoint } from './tickets';
import { isoSeconds, listPages, mapPage, nextCursor, toMs } from './shared';

const CONCURRENT_TICKETS = 4;

/**
 * Conversations (replies, notes) ⇒ `Interaction`s, driven by changed tickets: it walks tickets updated since
 * its checkpoint (a note or reply bumps the ticket's `updated_at`) and lists each one's conversations.
 * One batch per ticket page; the checkpoint has the tickets stream's shape.
 *
 * @example
 * for await (const batch of conversationsStream.read(ctx, undefined)) console.log(batch.records.length);
 */
export const conversationsStream = defineStream<FreshdeskConfigInput, FreshdeskClient, TicketsCheckpoint>({
  name: 'conversations',
  description: 'Replies and notes of changed tickets, as interactions.',
  entities: ['interaction'],
  checkpoint: TicketsCheckpointSchema,
  async *read(ctx, checkpoint) {
    const startedAt = ctx.now().getTime();
    const config = ctx.client.config;
    const from = checkpoint ?? { updatedSince: isoSeconds(toMs(config.startDate)), skipIds: [] };
    for await (const slice of walkTickets(ctx, from, { operation: 'list changed tickets', map: () => [] })) {
      const records: CanonicalRecord[] = [];
      const rejects: Array<{ payload: unknown; error: Error }> = [...slice.rejects];
      // A few tickets' conversations at a time: each listing is a separate request the limiter paces.
      for (let i = 0; i < slice.tickets.length; i += CONCURRENT_TICKETS) {
        const results = await Promise.all(slice.tickets.slice(i, i + CONCURRENT_TICKETS).map(async (ticket) => {
          const mapper = { connection: ctx.connection, ticket: ticketContext(ticket) };
          const out = { records: [] as CanonicalRecord[], rejects: [] as Array<{ payload: unknown; error: Error }> };
          for await (const page of listPages(ctx.client, {
            endpoint: 'other', path: `/tickets/${String(ticket.id)}/conversations`, searchParams: {},
            operation: `list conversations of ticket ${String(ticket.id)}`, signal: ctx.signal,
          })) {
            const mapped = mapPage(page.items, ConversationSchema, 'list conversations', (c) => [conversationToInteraction(c, mapper)]);
            out.records.push(...mapped.records);
            out.rejects.push(...mapped.rejects);
          }
          return out;
        }));
        for (const r of results) { records.push(...r.records); rejects.push(...r.rejects); }
      }
      const batch: StreamBatch<TicketsCheckpoint> = { records, checkpoint: slice.checkpoint };
      if (rejects.length > 0) batch.rejects = rejects;
      yield batch;
    }
    yield { records: [], checkpoint: { updatedSince: nextCursor(startedAt, config.overlapMs), skipIds: [] } };
  },
});

function ticketContext(t: Ticket) {
  return { requester_id: t.requester_id, source: t.source, group_id: t.group_id };
}
