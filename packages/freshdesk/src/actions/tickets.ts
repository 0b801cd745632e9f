import { HttpError, defineAction, isRetryableError } from '@silta/kit';
import { z } from 'zod';
import type { FreshdeskClient } from '../client';
import type { FreshdeskConfigInput } from '../config';
import {
  ConversationSchema, CreateTicketInputSchema, FreshdeskIdSchema, NoteInputSchema, ReplyInputSchema, TicketSchema,
  UpdateTicketInputSchema, type Conversation, type Ticket,
} from '../schemas';
import { hasMarker, markerHtml } from './marker';

const ConversationListSchema = z.array(ConversationSchema);

/**
 * Creates a ticket (`POST /tickets`). Not retried automatically: Freshdesk has no idempotency key.
 *
 * @example
 * await createTicket.run(ctx, { email: 'aino@example.fi', subject: 'Lasku', description: 'Hei', status: 2, priority: 1 });
 */
export const createTicket = defineAction<FreshdeskConfigInput, FreshdeskClient, z.output<typeof CreateTicketInputSchema>, Ticket>({
  name: 'createTicket',
  description: 'Create a ticket.',
  input: CreateTicketInputSchema,
  async run(ctx, input) {
    const res = await ctx.client.http.post('/tickets', { json: input, schema: TicketSchema, operation: 'create ticket', signal: ctx.signal });
    return res.body;
  },
});

export const UpdateTicketActionInputSchema = z.object({ ticketId: FreshdeskIdSchema, changes: UpdateTicketInputSchema });

/**
 * Updates a ticket (`PUT /tickets/[id]`): status, priority, group, agent, tags, custom fields… A PUT is
 * idempotent, so it is retried on failures.
 *
 * @example
 * await updateTicket.run(ctx, { ticketId: 20, changes: { status: 3, group_id: 5, tags: ['lasku'] } });
 */
export const updateTicket = defineAction<FreshdeskConfigInput, FreshdeskClient, z.output<typeof UpdateTicketActionInputSchema>, Ticket>({
  name: 'updateTicket',
  description: 'Update a ticket: status, priority, group, agent, tags, custom fields.',
  input: UpdateTicketActionInputSchema,
  async run(ctx, input) {
    const res = await ctx.client.http.put(`/tickets/${String(input.ticketId)}`, { json: input.changes, schema: TicketSchema, operation: 'update ticket', signal: ctx.signal });
    return res.body;
  },
});

export const ViewTicketInputSchema = z.object({
  ticketId: FreshdeskIdSchema,
  include: z.array(z.enum(['conversations', 'requester', 'company', 'stats'])).optional(),
});

/**
 * Reads one ticket with embeds (`include=conversations,requester,company,stats`; each costs a credit).
 *
 * @example
 * const t = await viewTicket.run(ctx, { ticketId: 20, include: ['requester', 'stats'] });
 */
export const viewTicket = defineAction<FreshdeskConfigInput, FreshdeskClient, z.output<typeof ViewTicketInputSchema>, Ticket>({
  name: 'viewTicket',
  description: 'View a ticket with embeds.',
  input: ViewTicketInputSchema,
  async run(ctx, input) {
    const include = input.include?.length ? input.include.join(',') : undefined;
    const res = await ctx.client.http.get(`/tickets/${String(input.ticketId)}`, { searchParams: { include }, schema: TicketSchema, operation: 'view ticket', signal: ctx.signal });
    return res.body;
  },
});

export const ReplyActionInputSchema = z.object({ ticketId: FreshdeskIdSchema, reply: ReplyInputSchema });

/**
 * Replies to the requester (`POST /tickets/[id]/reply`). Sent once: a reply is an email to the customer
 * and carries no marker, so a lost response is reported, not retried.
 *
 * @example
 * await reply.run(ctx, { ticketId: 20, reply: { body: '<p>Kiitos viestistä!</p>' } });
 */
export const reply = defineAction<FreshdeskConfigInput, FreshdeskClient, z.output<typeof ReplyActionInputSchema>, Conversation>({
  name: 'reply',
  description: 'Reply to a ticket.',
  input: ReplyActionInputSchema,
  async run(ctx, input) {
    const res = await ctx.client.http.post(`/tickets/${String(input.ticketId)}/reply`, { json: input.reply, schema: ConversationSchema, operation: 'reply to ticket', signal: ctx.signal });
    return res.body;
  },
});

export const AddNoteInputSchema = z.object({ ticketId: FreshdeskIdSchema, note: NoteInputSchema });
type AddNoteInput = z.output<typeof AddNoteInputSchema>;

async function findNote(ctx: { client: FreshdeskClient; idempotencyKey: string; signal?: AbortSignal }, ticketId: string | number): Promise<Conversation | undefined> {
  let page = 1;
  for (;;) {
    const res = await ctx.client.http.get(`/tickets/${String(ticketId)}/conversations`, {
      searchParams: { per_page: 100, page }, schema: ConversationListSchema, operation: 'find earlier note', signal: ctx.signal,
    });
    const found = res.body.find((c) => c.source === 2 && hasMarker(c, ctx.idempotencyKey));
    if (found) return found;
    if (res.body.length < 100 || !res.headers.link) return undefined;
    page++;
  }
}

/**
 * Adds a note, private unless `private: false` (`POST /tickets/[id]/notes`). The body carries the
 * idempotency marker `silta:key=<key>`; when the response is lost (network error, 5xx, cut body) the action
 * looks for the marker before trying again, and `findPrevious` lets the outbox do the same after a crash,
 * so the note is written exactly once.
 *
 * @example
 * await addNote.run({ ...ctx, idempotencyKey: 'route-7:ticket-20:v3' }, { ticketId: 20, note: { body: '<p>Laskutus hoitaa</p>' } });
 */
export const addNote = defineAction<FreshdeskConfigInput, FreshdeskClient, AddNoteInput, Conversation>({
  name: 'addNote',
  description: 'Add a note (private by default), exactly once per idempotency key.',
  input: AddNoteInputSchema,
  async run(ctx, input) {
    const note = { ...input.note, private: input.note.private ?? true };
    const json = { ...note, body: `${note.body ?? ''}${markerHtml(ctx.idempotencyKey)}` };
    for (let attempt = 1; ; attempt++) {
      try {
        const res = await ctx.client.http.post(`/tickets/${String(input.ticketId)}/notes`, { json, schema: ConversationSchema, operation: 'add note', signal: ctx.signal });
        return res.body;
      } catch (error) {
        // Only failures that may hide a saved note are worth a look; a 4xx means nothing was written.
        if (attempt >= 4 || !(error instanceof HttpError) || !isRetryableError(error)) throw error;
        const earlier = await findNote(ctx, input.ticketId);
        if (earlier) return earlier;
        await new Promise((r) => setTimeout(r, 200 * attempt));
      }
    }
  },
  findPrevious(ctx, input) {
    return findNote(ctx, input.ticketId);
  },
});
