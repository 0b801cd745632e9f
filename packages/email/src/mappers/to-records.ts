import type { Case, Interaction, PartyRecord } from '@silta/model';
import { mayOpenCase, type EmailClassification } from '../classify';
import type { ParsedEmail } from '../parse';
import { extractReplyText } from '../reply';
import type { ThreadResolution } from '../thread';
import { newThreadKey } from '../thread';
import { emailRef, normaliseAddress, toParty } from './to-party';

/** Options for {@link toRecords}. */
export interface ToRecordsOptions {
  /** The connection records are filed under, e.g. `yritys-oy`. */
  connection: string;
  /** The mailbox's own addresses: mail from them is `outbound`. */
  ownAddresses?: string[];
  /** The clock for messages without a Date header. */
  now?: Date;
}

/** The canonical records one message maps to. `case` only when the message opens a new thread and may. */
export interface EmailRecords {
  interaction: Interaction;
  party: PartyRecord | null;
  case: Case | null;
}

/**
 * Maps a parsed, classified and threaded message to canonical records: an `Interaction` (its text is the
 * new part of the reply; `automated` for anything but an ordinary, non-bulk message), the sender's
 * `PartyRecord`, and a `Case` when the message starts a new thread and {@link mayOpenCase} allows it.
 * Messages that join an existing thread carry its `caseRef`; automated mail never opens a case.
 *
 * @example
 * const { interaction, party, case: opened } = toRecords(parsed, classifyMessage(parsed), thread, { connection: 'yritys-oy' });
 */
export function toRecords(parsed: ParsedEmail, classification: EmailClassification, thread: ThreadResolution, options: ToRecordsOptions): EmailRecords {
  const at = (parsed.date ?? options.now ?? new Date()).toISOString();
  // A bounce or delay comes from a mail system, not from a person.
  const fromPerson = classification.kind !== 'bounce' && classification.kind !== 'delivery_delay';
  const party = fromPerson ? toParty(parsed, { connection: options.connection, at }) : null;
  const own = new Set((options.ownAddresses ?? []).map(normaliseAddress));
  const outbound = parsed.from !== null && own.has(normaliseAddress(parsed.from.address));
  const automated = !mayOpenCase(classification);
  const opensCase = thread.rule === 'new' && !automated && !outbound;
  const caseRef = thread.rule === 'new' && !opensCase ? undefined : emailRef(options.connection, 'thread', thread.threadKey);
  const interaction: Interaction = {
    entity: 'interaction',
    ref: emailRef(options.connection, 'message', parsed.messageId ?? newThreadKey(parsed)),
    ...(party && !outbound ? { partyRef: party.ref } : {}),
    ...(caseRef ? { caseRef } : {}),
    channel: 'email',
    direction: outbound ? 'outbound' : 'inbound',
    at,
    ...(parsed.subject ? { subject: parsed.subject } : {}),
    text: extractReplyText(parsed.text),
    automated,
    ...(parsed.attachments.length > 0
      ? { attachments: parsed.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, size: a.size })) }
      : {}),
    raw: {
      messageId: parsed.messageId,
      inReplyTo: parsed.inReplyTo,
      references: parsed.references,
      kind: classification.kind,
      mailingList: classification.mailingList,
      reasons: classification.reasons,
      thread,
      ...(classification.bounce ? { bounce: classification.bounce } : {}),
    },
  };
  const opened: Case | null = opensCase
    ? {
        entity: 'case',
        ref: emailRef(options.connection, 'thread', thread.threadKey),
        ...(party ? { partyRef: party.ref } : {}),
        status: 'open',
        priority: 'medium',
        channel: 'email',
        subject: parsed.subject || '(no subject)',
        tags: [],
        createdAt: at,
        updatedAt: at,
        reopenCount: 0,
      }
    : null;
  return { interaction, party: outbound ? null : party, case: opened };
}
