import type { AttachmentRef, Interaction } from '@silta/model';
import type { Attachment } from '../schemas/common';
import type { Conversation } from '../schemas/conversation';
import type { Ticket } from '../schemas/ticket';
import { conversationSourceToChannel, ticketSourceToChannel } from './channels';
import { freshdeskRef, idString, nonEmpty, type MapperContext } from './context';
import { htmlToText } from './html-text';
import { toTimestamp } from './timestamps';

/**
 * Maps a ticket to the `Interaction` that opened it: the requester's first message (`description_text`,
 * from `include=description` on lists), inbound, on the channel of the ticket's source. Its ref is
 * `ticket` + `<id>:description`, so it never collides with the `Case` of the same ticket. Without
 * `description_text` the text comes from `structured_description`, else from the HTML `description`.
 *
 * @example
 * const first = ticketToInteraction(ticket, { connection: 'yritys-oy' });
 * first.text; // 'Not given.'
 */
export function ticketToInteraction(ticket: Ticket, ctx: MapperContext): Interaction {
  const at = toTimestamp(ticket.created_at, 'created_at', ticket);
  const outbound = ticket.source === 10; // Outbound Email: the agent wrote first.
  const interaction: Interaction = {
    entity: 'interaction',
    ref: freshdeskRef(ctx, 'ticket', `${String(ticket.id)}:description`),
    partyRef: freshdeskRef(ctx, 'contact', ticket.requester_id),
    caseRef: freshdeskRef(ctx, 'ticket', ticket.id),
    channel: ticketSourceToChannel(ticket.source),
    direction: outbound ? 'outbound' : 'inbound',
    at,
    automated: false,
    updatedAt: toTimestamp(ticket.updated_at, 'updated_at', ticket),
    raw: ticket,
  };
  assign(interaction, {
    subject: nonEmpty(ticket.subject),
    text:
      nonEmpty(ticket.description_text) ??
      nonEmpty(structuredText(ticket.structured_description?.description_contents)) ??
      nonEmpty(ticket.description ? htmlToText(ticket.description) : undefined),
    team: idString(ticket.group_id),
    agent: outbound ? idString(ticket.responder_id) : undefined,
    attachments: attachmentsOf(ticket.attachments),
  });
  return interaction;
}

/**
 * Context for `conversationToInteraction`: the ticket, when known, gives the requester and the reply channel.
 *
 * @example
 * const ctx: ConversationMapperContext = { connection: 'yritys-oy', ticket };
 */
export interface ConversationMapperContext extends MapperContext {
  ticket?: Pick<Ticket, 'requester_id' | 'source' | 'group_id'>;
}

/**
 * Maps a conversation to an `Interaction`: `incoming` ⇒ inbound (from the customer), else `private` ⇒
 * internal (a private note), else outbound. For inbound entries `user_id` is the contact; otherwise it is
 * the agent, and the party is the ticket's requester when `ctx.ticket` is given.
 *
 * @example
 * conversationToInteraction(conv, { connection: 'yritys-oy', ticket }).direction; // 'internal'
 */
export function conversationToInteraction(conv: Conversation, ctx: ConversationMapperContext): Interaction {
  const direction = conv.incoming === true ? 'inbound' : conv.private === true ? 'internal' : 'outbound';
  const interaction: Interaction = {
    entity: 'interaction',
    ref: freshdeskRef(ctx, 'conversation', conv.id),
    caseRef: freshdeskRef(ctx, 'ticket', conv.ticket_id),
    channel: conversationSourceToChannel(conv.source, { private: conv.private, ticketSource: ctx.ticket?.source }),
    direction,
    at: toTimestamp(conv.created_at, 'created_at', conv),
    automated: false,
    updatedAt: toTimestamp(conv.updated_at, 'updated_at', conv),
    raw: conv,
  };
  const userRef = conv.user_id === null || conv.user_id === undefined ? undefined : conv.user_id;
  assign(interaction, {
    partyRef:
      direction === 'inbound' && userRef !== undefined
        ? freshdeskRef(ctx, 'contact', userRef)
        : ctx.ticket
          ? freshdeskRef(ctx, 'contact', ctx.ticket.requester_id)
          : undefined,
    agent: direction === 'inbound' ? undefined : idString(conv.user_id),
    team: idString(ctx.ticket?.group_id),
    text:
      nonEmpty(conv.body_text) ??
      nonEmpty(structuredText(conv.structured_body?.body_contents)) ??
      nonEmpty(conv.body ? htmlToText(conv.body) : undefined),
    attachments: attachmentsOf(conv.attachments),
  });
  return interaction;
}

function structuredText(contents: ReadonlyArray<{ type: string; data: unknown }> | undefined): string | undefined {
  if (!contents) return undefined;
  const parts = contents.flatMap((item) => {
    const data = item.data as { content?: unknown } | null | undefined;
    return item.type === 'text' && typeof data?.content === 'string' ? [data.content] : [];
  });
  return parts.length > 0 ? parts.join('\n') : undefined;
}

function attachmentsOf(list: Attachment[] | null | undefined): AttachmentRef[] | undefined {
  if (!list || list.length === 0) return undefined;
  return list.map((a) => {
    const ref: AttachmentRef = { filename: a.name };
    if (a.content_type) ref.contentType = a.content_type;
    const size = a.size ?? a.file_size;
    if (typeof size === 'number' && Number.isInteger(size) && size >= 0) ref.size = size;
    if (a.attachment_url) ref.url = a.attachment_url;
    return ref;
  });
}

function assign<T extends object>(target: T, values: Partial<T>): void {
  for (const [key, value] of Object.entries(values)) {
    if (value !== undefined) (target as Record<string, unknown>)[key] = value;
  }
}
