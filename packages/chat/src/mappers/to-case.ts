import type { Case, CaseStatus, SourceRef } from '@silta/model';
import type { Conversation, Message } from '../schemas/request';
import { earliest, latest } from './time';

const STATUS: Record<Conversation['status'], CaseStatus> = { open: 'open', waiting: 'pending', closed: 'closed' };
const SUBJECT_LENGTH = 80;

/** What a conversation maps with: its refs, the messages of this push and the case Silta already holds. */
export interface CaseContext {
  partnerId: string;
  company: string;
  ref: SourceRef;
  partyRef: SourceRef;
  messages: readonly Message[];
  existing?: Case | undefined;
}

function subjectFrom(messages: readonly Message[]): string | undefined {
  const first = messages.find((m) => m.from === 'visitor' && m.text.trim() !== '')?.text.trim().replace(/\s+/g, ' ');
  if (!first) return undefined;
  return first.length <= SUBJECT_LENGTH ? first : `${first.slice(0, SUBJECT_LENGTH - 1)}…`;
}

/**
 * Maps a partner conversation to a `Case` in channel `chat` (`open` → open, `waiting` → pending, `closed`
 * → closed; the partner's word in `vendorStatus`), merged with the case Silta already holds so that a push
 * carrying only the newest messages loses nothing: the earliest start and first agent answer are kept, and
 * a closed conversation that opens again counts as a reopen. `team` is the partner.
 *
 * @example
 * const kase = conversationToCase(push.conversation, { partnerId, company, ref, partyRef, messages: push.messages });
 */
export function conversationToCase(conversation: Conversation, ctx: CaseContext): Case {
  const old = ctx.existing;
  const status = STATUS[conversation.status];
  const times = ctx.messages.map((m) => m.at);
  const agentMessages = ctx.messages.filter((m) => m.from === 'agent' && m.internal !== true);
  const lastAgent = [...agentMessages].sort((a, b) => Date.parse(b.at) - Date.parse(a.at))[0]?.agent?.name;
  const wasDone = old !== undefined && (old.status === 'closed' || old.status === 'resolved');
  const kase: Case = {
    entity: 'case',
    ref: ctx.ref,
    partyRef: ctx.partyRef,
    status,
    vendorStatus: conversation.status,
    priority: old?.priority ?? 'medium',
    channel: 'chat',
    subject: conversation.subject ?? old?.subject ?? subjectFrom(ctx.messages) ?? 'Chat',
    team: ctx.partnerId,
    tags: conversation.tags ?? old?.tags ?? [],
    createdAt: earliest(old?.createdAt, conversation.startedAt) ?? conversation.startedAt,
    updatedAt: latest(old?.updatedAt, conversation.startedAt, conversation.endedAt, ...times) ?? conversation.startedAt,
    reopenCount: (old?.reopenCount ?? 0) + (wasDone && status !== 'closed' ? 1 : 0),
    raw: { partner: ctx.partnerId, company: ctx.company, conversation },
  };
  const agent = lastAgent ?? old?.agent;
  if (agent) kase.agent = agent;
  const firstResponseAt = earliest(old?.firstResponseAt, ...agentMessages.map((m) => m.at));
  if (firstResponseAt) kase.firstResponseAt = firstResponseAt;
  if (status === 'closed') kase.closedAt = conversation.endedAt ?? old?.closedAt ?? latest(...times) ?? conversation.startedAt;
  return kase;
}
