import type { Case, CanonicalRecord, PartyRecord } from '@silta/model';
import { formatSourceRef } from '@silta/model';
import type { SiltaStore } from '@silta/sync';
import { conversationToCase } from './mappers/to-case';
import { messageToInteraction } from './mappers/to-interaction';
import { visitorToParty } from './mappers/to-party';
import { chatRef } from './mappers/refs';
import { earliest, latest } from './mappers/time';
import type { PushConversationRequest } from './schemas/request';
import type { PushConversationResponse } from './schemas/response';

/** The part of the store the partner API uses. */
export type PartnerStore = Pick<SiltaStore, 'upsertBatch' | 'getRecord'>;

/** The stream key partner pushes are stored under: `chat:<partner>:conversations`. */
export function partnerStreamKey(partnerId: string): string {
  return `chat:${partnerId}:conversations`;
}

/**
 * Stores one validated push in one durable batch (source `webhook`): the visitor's `PartyRecord`, the
 * conversation's `Case` and an `Interaction` for each message Silta does not have yet. Messages are
 * append-only by id: a message id Silta already holds is skipped even if its text differs.
 *
 * @example
 * const answer = await ingestPush(store, 'asiakaspalvelu-ab', pushConversationExample);
 * answer.result; // 'created'
 */
export async function ingestPush(store: PartnerStore, partnerId: string, push: PushConversationRequest): Promise<PushConversationResponse> {
  const { company, conversation, visitor, messages } = push;
  const caseRef = chatRef(partnerId, 'conversation', company, conversation.id);
  const partyRef = chatRef(partnerId, 'visitor', company, visitor.id);
  const [storedCase, storedParty, ...storedMessages] = await Promise.all([
    store.getRecord(caseRef),
    store.getRecord(partyRef),
    ...messages.map((m) => store.getRecord(chatRef(partnerId, 'message', company, conversation.id, m.id))),
  ]);
  const existingCase = storedCase?.entity === 'case' ? (storedCase.record as Case) : undefined;
  const existingParty = storedParty?.entity === 'party' ? (storedParty.record as PartyRecord) : undefined;
  const fresh = messages.filter((_, i) => storedMessages[i] === undefined);

  const times = messages.map((m) => m.at);
  const seenAt = latest(conversation.startedAt, conversation.endedAt, ...times) ?? conversation.startedAt;
  const firstSeenAt = earliest(conversation.startedAt, ...times) ?? conversation.startedAt;
  const party = visitorToParty(visitor, { partnerId, ref: partyRef, seenAt, firstSeenAt, existing: existingParty });
  const kase = conversationToCase(conversation, { partnerId, company, ref: caseRef, partyRef, messages, existing: existingCase });
  const ctx = { partnerId, company, conversationId: conversation.id, caseRef, partyRef };
  const records: CanonicalRecord[] = [party, kase, ...fresh.map((m) => messageToInteraction(m, ctx))];

  const result = await store.upsertBatch({ streamKey: partnerStreamKey(partnerId), records, source: 'webhook' });
  const changed = result.created + result.updated > 0;
  return {
    result: existingCase === undefined ? 'created' : fresh.length > 0 ? 'appended' : changed ? 'updated' : 'unchanged',
    company,
    conversationId: conversation.id,
    messages: { received: messages.length, stored: fresh.length, duplicates: messages.length - fresh.length },
    refs: { case: formatSourceRef(caseRef), party: formatSourceRef(partyRef) },
  };
}
