import type { Direction, Interaction, SourceRef } from '@silta/model';
import type { Message } from '../schemas/request';
import { chatRef } from './refs';

/** Where a message belongs: the partner, the company, the conversation and the visitor. */
export interface MessageContext {
  partnerId: string;
  company: string;
  conversationId: string;
  caseRef: SourceRef;
  partyRef: SourceRef;
}

function directionOf(message: Message): Direction {
  if (message.internal === true || message.from === 'system') return 'internal';
  return message.from === 'visitor' ? 'inbound' : 'outbound';
}

/**
 * Maps one chat message to an `Interaction` in channel `chat`: the visitor's messages are inbound, the
 * agent's and the bot's outbound, internal notes and system lines internal; bot and system lines are
 * `automated`. `team` is the partner, `agent` the agent's name.
 *
 * @example
 * const interaction = messageToInteraction(push.messages[0]!, ctx);
 * interaction.ref.id; // 'yritys-oy/conv-20261115-0042/msg-1'
 */
export function messageToInteraction(message: Message, ctx: MessageContext): Interaction {
  const interaction: Interaction = {
    entity: 'interaction',
    ref: chatRef(ctx.partnerId, 'message', ctx.company, ctx.conversationId, message.id),
    partyRef: ctx.partyRef,
    caseRef: ctx.caseRef,
    channel: 'chat',
    direction: directionOf(message),
    at: message.at,
    text: message.text,
    team: ctx.partnerId,
    automated: message.from === 'bot' || message.from === 'system',
    raw: message,
  };
  if (message.agent) interaction.agent = message.agent.name;
  if (message.attachments && message.attachments.length > 0) {
    interaction.attachments = message.attachments.map((a) => ({
      filename: a.filename,
      ...(a.contentType === undefined ? {} : { contentType: a.contentType }),
      ...(a.size === undefined ? {} : { size: a.size }),
      ...(a.url === undefined ? {} : { url: a.url }),
    }));
  }
  return interaction;
}
