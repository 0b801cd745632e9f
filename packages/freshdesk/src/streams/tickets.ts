import { SiltaError, defineStream, type StreamBatch, type StreamContext } from '@silta/kit';
import type { CanonicalRecord } from '@silta/model';
import { z } from 'zod';
import type { FreshdeskClient } from '../client';
import type { FreshdeskConfigInput } from '../config';
import { ticketToCase, ticketToInteraction } from '../mappers';
import { TicketSchema, type Ticket } from '../schemas';
import { isoSeconds, listPages, mapOne, mapPage, nextCursor, toMs, type Page } from './shared';

/**
 * "A maximum of 300 pages (30000 tickets) will be returned."
 *
 * @example
 * TICKET_LIST_PAGE_CAP * 100; // 30000 tickets per slice at per_page=100
 */
export const TICKET_LIST_PAGE_CAP = 300;

/**
 * Where the tickets stream resumes: tickets with `updated_at >= updatedSince`, skipping `skipIds` (tickets
 * already delivered whose `updated_at` equals `updatedSince`, the overlap of a re-slice or a resumed run).
 *
 * @example
 * TicketsCheckpointSchema.parse({ updatedSince: '2026-01-01T00:00:00Z' }); // { updatedSince: …, skipIds: [] }
 */
export const TicketsCheckpointSchema = z.object({
  updatedSince: z.string(),
  skipIds: z.array(z.string()).default([]),
});
export type TicketsCheckpoint = z.infer<typeof TicketsCheckpointSchema>;

/** One ticket page as the stream sees it: validated tickets, their raw payloads and the slice position. */
export interface TicketSlicePage {
  page: Page;
  tickets: Ticket[];
  rejects: Array<{ payload: unknown; error: Error }>;
  records: StreamBatch<TicketsCheckpoint>['records'];
  /** Checkpoint that resumes right after this page. */
  checkpoint: TicketsCheckpoint;
}

/**
 * Walks tickets in `updated_at` order from a checkpoint, re-slicing on the last `updated_at` seen whenever
 * the 300-page cap is reached and skipping the tickets already delivered at that timestamp. Always sends
 * `updated_since`, so the default 30-day window never applies.
 *
 * @example
 * for await (const slice of walkTickets(ctx, { updatedSince: '1970-01-01T00:00:00Z', skipIds: [] }, { operation: 'list tickets', map: () => [] })) console.log(slice.tickets.length);
 */
export async function* walkTickets(
  ctx: StreamContext<FreshdeskConfigInput, FreshdeskClient>,
  from: TicketsCheckpoint,
  options: { include?: string; map: (t: Ticket) => StreamBatch<TicketsCheckpoint>['records']; operation: string; prefetch?: number },
): AsyncGenerator<TicketSlicePage> {
  let since = from.updatedSince;
  let skip = new Set(from.skipIds);
  for (;;) {
    let lastSeenMs: number | undefined;
    let reachedCap = false;
    for await (const page of listPages(ctx.client, {
      endpoint: 'tickets', path: '/tickets', operation: options.operation, maxPages: TICKET_LIST_PAGE_CAP, signal: ctx.signal,
      prefetch: options.prefetch ?? 3,
      searchParams: { updated_since: since, order_by: 'updated_at', order_type: 'asc', include: options.include },
    })) {
      const fresh = page.items.filter((item) => !skip.has(String((item as { id?: unknown }).id)));
      const mapped = mapPage(fresh, TicketSchema, options.operation, options.map);
      for (const item of page.items) {
        const ms = toMs((item as { updated_at?: unknown }).updated_at);
        if (Number.isNaN(ms)) continue;
        const id = String((item as { id?: unknown }).id);
        if (lastSeenMs === undefined || ms > lastSeenMs) { lastSeenMs = ms; skip = new Set([id]); }
        else if (ms === lastSeenMs) skip.add(id);
      }
      const checkpoint: TicketsCheckpoint = lastSeenMs === undefined
        ? { updatedSince: since, skipIds: [...skip] }
        : { updatedSince: isoSeconds(lastSeenMs), skipIds: [...skip] };
      yield { page, tickets: mapped.parsed, rejects: mapped.rejects, records: mapped.records, checkpoint };
      reachedCap = page.hasNext && page.page >= TICKET_LIST_PAGE_CAP;
    }
    if (!reachedCap) return;
    const nextSince = isoSeconds(lastSeenMs as number);
    if (nextSince === since) {
      throw new SiltaError('FRESHDESK_SLICE_STUCK', `${options.operation}: cannot re-slice past the ${TICKET_LIST_PAGE_CAP}-page cap: every ticket on those pages has updated_at ${since}`);
    }
    since = nextSince;
  }
}

/**
 * Tickets ⇒ `Case` + the opening `Interaction`, incrementally by `updated_at` (`order_by=updated_at`,
 * `order_type=asc`, `include=requester,stats,description`). One batch per page; the checkpoint after each
 * page resumes exactly there; the final one is the time the fetch started minus the overlap. `map`
 * re-maps one rejected ticket payload (dead-letter replay).
 *
 * @example
 * for await (const batch of ticketsStream.read(ctx, undefined)) await store.save(batch.records, batch.checkpoint);
 */
export const ticketsStream = defineStream<FreshdeskConfigInput, FreshdeskClient, TicketsCheckpoint>({
  name: 'tickets',
  description: 'Tickets as cases and their opening interactions, by updated_at.',
  entities: ['case', 'interaction'],
  checkpoint: TicketsCheckpointSchema,
  async *read(ctx, checkpoint) {
    const startedAt = ctx.now().getTime();
    const config = ctx.client.config;
    const from = checkpoint ?? { updatedSince: isoSeconds(toMs(config.startDate)), skipIds: [] };
    for await (const slice of walkTickets(ctx, from, {
      include: 'requester,stats,description',
      operation: 'list tickets',
      map: (t) => ticketRecords(t, ctx.connection),
    })) {
      const batch: StreamBatch<TicketsCheckpoint> = { records: slice.records, checkpoint: slice.checkpoint };
      if (slice.rejects.length > 0) batch.rejects = slice.rejects;
      yield batch;
    }
    yield { records: [], checkpoint: { updatedSince: nextCursor(startedAt, config.overlapMs), skipIds: [] } };
  },
  map(payload, ctx) {
    return mapOne(payload, TicketSchema, 'replay tickets', (t) => ticketRecords(t, ctx.connection)).records;
  },
});

/** What one ticket becomes, when read and when a dead-lettered ticket is replayed: its `Case` and opening `Interaction`. */
function ticketRecords(ticket: Ticket, connection: string): CanonicalRecord[] {
  const mapper = { connection };
  return [ticketToCase(ticket, mapper), ticketToInteraction(ticket, mapper)];
}
