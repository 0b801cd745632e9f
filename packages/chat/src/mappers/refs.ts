import type { SourceRef } from '@silta/model';

/** The `SourceRef.system` of everything partners push. */
export const CHAT_SYSTEM = 'chat';

/**
 * Where a pushed object lives in Silta: system `chat`, connection the partner id, and an id scoped by the
 * client company (and, for messages, the conversation), because partners' own ids are only unique inside
 * their tool, and one partner may serve several companies.
 *
 * @example
 * chatRef('asiakaspalvelu-ab', 'conversation', 'yritys-oy', 'conv-1'); // chat:asiakaspalvelu-ab:conversation:yritys-oy/conv-1
 */
export function chatRef(partnerId: string, type: 'conversation' | 'message' | 'visitor', ...idParts: string[]): SourceRef {
  return { system: CHAT_SYSTEM, connection: partnerId, type, id: idParts.join('/') };
}
