import { SiltaError, defineStream, type StreamBatch } from '@silta/kit';
import type { CanonicalRecord } from '@silta/model';
import { z } from 'zod';
import type { FreshdeskClient } from '../client';
import type { FreshdeskConfigInput } from '../config';
import { conversationToInteraction, type ConversationMapperContext } from '../mappers';
import { ConversationSchema, TicketSchema, type Conversation, type Ticket } from '../schemas';
import { TicketsCheckpointSchema, walkTickets, type TicketsCheckpoint } from './tickets';
import { isoSeconds, listPages, mapOne, mapPage, nextCursor, toMs } from './shared';

const CONCURRENT_TICKETS = 4;

/**
 * What a rejected conversation is dead-lettered as: the raw conversation plus the fields of its ticket the
 * mapping needs (the requester is the party of agent replies; the ticket's source picks the reply channel),
 * so `map` can replay it without asking Freshdesk.
 *
 * @example
 * ConversationRejectSchema.parse({ ticket: { id: 20, requester_id: 5, source: 1, group_id: null }, conversation });
 */
export const ConversationRejectSchema = z.object({
  ticket: TicketSchema.pick({ id: true, requester_id: true, source: true, group_id: true }),
  conversation: ConversationSchema,
});
export type ConversationReject = z.infer<typeof ConversationRejectSchema>;

/**
 * Conversations (replies, notes) ⇒ `Interaction`s, driven by changed tickets: it walks tickets updated since
 * its checkpoint (a note or reply bumps the ticket's `updated_at`) and lists each one's conversations.
 * One batch per ticket page; the checkpoint has the tickets stream's shape. A rejected conversation is
 * dead-lettered with its ticket's context (`ConversationRejectSchema`), so `map` replays it as read.
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
            const mapped = mapPage(page.items, ConversationSchema, 'list conversations', (c) => conversationRecords(c, mapper));
            out.records.push(...mapped.records);
            for (const r of mapped.rejects) out.rejects.push({ payload: { ticket: ticketContext(ticket), conversation: r.payload }, error: r.error });
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
  map(payload, ctx) {
    const operation = 'replay conversations';
    if (isObject(payload) && 'conversation' in payload) {
      return mapOne(payload, ConversationRejectSchema, operation, (r) => conversationRecords(r.conversation, { connection: ctx.connection, ticket: ticketContext(r.ticket) })).records;
    }
    if (isObject(payload) && 'requester_id' in payload && !('ticket_id' in payload)) {
      throw new SiltaError('FRESHDESK_NOT_REPLAYABLE', `${operation}: the dead letter is ticket ${String(payload.id)}, which this stream could not read, so its conversations were never listed; `
        + 'fix the ticket (replay its "tickets" entry), then run "silta sync --stream conversations --full --once" or wait for the ticket to change');
    }
    // A bare conversation: dead letters written before rejects carried their ticket. Mapped without the ticket,
    // an agent reply has no party and its channel comes from the conversation alone.
    return mapOne(payload, ConversationSchema, operation, (c) => conversationRecords(c, { connection: ctx.connection })).records;
  },
});

function conversationRecords(c: Conversation, mapper: ConversationMapperContext): CanonicalRecord[] {
  return [conversationToInteraction(c, mapper)];
}

/** The ticket fields a conversation's mapping needs; also what a rejected conversation is stored with. */
function ticketContext(t: Pick<Ticket, 'id' | 'requester_id' | 'source' | 'group_id'>): ConversationReject['ticket'] {
  return { id: t.id, requester_id: t.requester_id, source: t.source, group_id: t.group_id };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
