import type { Channel } from '@silta/model';
import { ConversationSource, TicketSource } from '../enums';

const TICKET_SOURCE_CHANNELS: Record<number, Channel> = {
  [TicketSource.Email]: 'email',
  [TicketSource.Portal]: 'portal',
  [TicketSource.Phone]: 'phone',
  [TicketSource.Forum]: 'portal',
  [TicketSource.Twitter]: 'social',
  [TicketSource.Facebook]: 'social',
  [TicketSource.Chat]: 'chat',
  [TicketSource.FeedbackWidget]: 'portal',
  [TicketSource.OutboundEmail]: 'email',
};

/**
 * The canonical channel of a ticket source: Email and Outbound Email ⇒ `email`, Portal, Forum and Feedback
 * Widget ⇒ `portal`, Phone ⇒ `phone`, Twitter and Facebook ⇒ `social`, Chat ⇒ `chat`, anything else ⇒ `other`.
 *
 * @example
 * ticketSourceToChannel(7); // 'chat'
 */
export function ticketSourceToChannel(source: number): Channel {
  return TICKET_SOURCE_CHANNELS[source] ?? 'other';
}

/**
 * The canonical channel of a conversation. A reply (0, or no source at all, as in the Create a Reply
 * response) travels the ticket's own channel when the ticket is known, else email; a note lives in the
 * helpdesk (`portal` when public, `other` when private); tweets and Facebook posts ⇒ `social`, survey
 * feedback ⇒ `survey`, forwarded email ⇒ `email`, phone ⇒ `phone`, e-commerce ⇒ `webshop`.
 *
 * @example
 * conversationSourceToChannel(9, { private: false }); // 'phone'
 */
export function conversationSourceToChannel(
  source: number | null | undefined,
  options: { private?: boolean | null | undefined; ticketSource?: number | undefined } = {},
): Channel {
  switch (source) {
    case undefined:
    case null:
    case ConversationSource.Reply:
      return options.ticketSource === undefined ? 'email' : replyChannel(options.ticketSource);
    case ConversationSource.Note:
      return options.private === false ? 'portal' : 'other';
    case ConversationSource.Tweet:
    case ConversationSource.FacebookPost:
      return 'social';
    case ConversationSource.SurveyFeedback:
      return 'survey';
    case ConversationSource.ForwardedEmail:
      return 'email';
    case ConversationSource.Phone:
      return 'phone';
    case ConversationSource.ECommerce:
      return 'webshop';
    default:
      return 'other';
  }
}

function replyChannel(ticketSource: number): Channel {
  const channel = ticketSourceToChannel(ticketSource);
  // A reply to a phone or portal ticket still goes out by email; chat and social replies stay in place.
  return channel === 'chat' || channel === 'social' ? channel : 'email';
}
