/**
 * Thread resolution. Rules, in order:
 * 1. `references`: In-Reply-To, then References from the newest back, looked up by the caller's store.
 * 2. `ticket_token`: a ticket token in the subject, `[#1234]` → thread key `ticket-1234`.
 * 3. `subject_sender`: the normalised subject (reply/forward prefixes and `[tags]` removed, case and
 *    spacing folded) from the same sender address within `fallbackDays` (default 7), when the caller
 *    can look that up.
 * 4. `new`: a new thread keyed by the message's own Message-ID (or a hash of sender, subject and date).
 */
import { createHash } from 'node:crypto';
import type { ParsedEmail } from './parse';

type MaybePromise<T> = T | Promise<T>;

/** How the caller's store answers the threading questions; each lookup returns a thread key or undefined. */
export interface ThreadLookup {
  /** The thread a message id (without angle brackets) belongs to. */
  byMessageId(messageId: string): MaybePromise<string | undefined>;
  /** A recent thread with this normalised subject from this sender, started or active since `since`. */
  bySubjectAndSender?(subject: string, sender: string, since: Date): MaybePromise<string | undefined>;
}

export type ThreadRule = 'references' | 'ticket_token' | 'subject_sender' | 'new';

/** The resolved thread: its key, the rule that decided it and what matched. */
export interface ThreadResolution {
  threadKey: string;
  rule: ThreadRule;
  matched: string;
}

/** Options for {@link resolveThread}. */
export interface ResolveThreadOptions {
  /** How far back the subject-and-sender fallback looks, in days. Default 7. */
  fallbackDays?: number;
  /** The clock when the message has no Date header. */
  now?: Date;
}

const PREFIX = /^\s*((re|aw|sv|vs|vast|antw|fw|fwd|vl|tr|wg|ref)(\[\d+\])?\s*:\s*)+/i;

/**
 * Folds a subject for the fallback: reply and forward prefixes (Re, VS, SV, AW, Fwd, VL…), bracketed tags
 * and ticket tokens removed, whitespace collapsed, lower-cased.
 *
 * @example
 * normaliseSubject('VS: Re: [#12] Lasku  4471'); // 'lasku 4471'
 */
export function normaliseSubject(subject: string): string {
  let s = subject;
  for (let i = 0; i < 5; i++) {
    const next = s.replace(PREFIX, '').replace(/^\s*\[[^\]]*\]\s*/, '');
    if (next === s) break;
    s = next;
  }
  return s.replace(/\s+/g, ' ').trim().toLowerCase();
}

/**
 * The ticket number in a subject token such as `[#1234]` (also `[Ticket #1234]`), or null.
 *
 * @example
 * ticketToken('Re: [#1234] Kysymys laskusta'); // '1234'
 */
export function ticketToken(subject: string): string | null {
  return subject.match(/\[(?:[A-Za-z][\w -]{0,20}\s)?#(\d{1,12})\]/)?.[1] ?? null;
}

/**
 * The thread key a message starts when nothing links it to an earlier one: its Message-ID, or a hash.
 *
 * @example
 * newThreadKey(parsed); // 'CAFx9k2m=4471.anssi@mail.example.fi'
 */
export function newThreadKey(parsed: ParsedEmail): string {
  if (parsed.messageId) return parsed.messageId;
  const basis = `${parsed.from?.address.toLowerCase() ?? ''}\n${parsed.subject}\n${parsed.date?.toISOString() ?? ''}`;
  return `sha256-${createHash('sha256').update(basis).digest('hex').slice(0, 32)}`;
}

/**
 * Finds the thread a message belongs to, by the rules listed above.
 *
 * @example
 * const index = createThreadIndex();
 * const thread = await resolveThread(parsed, index);
 * index.remember(parsed, thread.threadKey);
 */
export async function resolveThread(parsed: ParsedEmail, lookup: ThreadLookup, options: ResolveThreadOptions = {}): Promise<ThreadResolution> {
  const candidates = [...(parsed.inReplyTo ? [parsed.inReplyTo] : []), ...[...parsed.references].reverse()];
  for (const id of new Set(candidates)) {
    const key = await lookup.byMessageId(id);
    if (key) return { threadKey: key, rule: 'references', matched: id };
  }
  const token = ticketToken(parsed.subject);
  if (token) return { threadKey: `ticket-${token}`, rule: 'ticket_token', matched: `[#${token}]` };
  const sender = parsed.from?.address.toLowerCase();
  const subject = normaliseSubject(parsed.subject);
  if (lookup.bySubjectAndSender && sender && subject.length > 0) {
    const at = parsed.date ?? options.now ?? new Date();
    const since = new Date(at.getTime() - (options.fallbackDays ?? 7) * 86_400_000);
    const key = await lookup.bySubjectAndSender(subject, sender, since);
    if (key) return { threadKey: key, rule: 'subject_sender', matched: `${sender} "${subject}"` };
  }
  return { threadKey: newThreadKey(parsed), rule: 'new', matched: parsed.messageId ?? 'no Message-ID' };
}

/** An in-memory {@link ThreadLookup} for a batch of messages (a folder, an mbox, one IMAP run). */
export interface ThreadIndex extends ThreadLookup {
  /** Records a message's thread so later replies find it. */
  remember(parsed: ParsedEmail, threadKey: string): void;
}

/**
 * Creates an in-memory thread index: message ids and (subject, sender, date) entries of the messages it was
 * told about. A store-backed lookup replaces it in the engine.
 *
 * @example
 * const index = createThreadIndex();
 * for (const m of messages) index.remember(m, (await resolveThread(m, index)).threadKey);
 */
export function createThreadIndex(): ThreadIndex {
  const byId = new Map<string, string>();
  const bySubject = new Map<string, Array<{ at: number; key: string }>>();
  return {
    byMessageId: function byMessageId(messageId) {
      return byId.get(messageId);
    },
    bySubjectAndSender: function bySubjectAndSender(subject, sender, since) {
      const hits = (bySubject.get(`${sender}\n${subject}`) ?? []).filter((h) => h.at >= since.getTime());
      return hits.at(-1)?.key;
    },
    remember: function remember(parsed, threadKey) {
      if (parsed.messageId) byId.set(parsed.messageId, threadKey);
      const sender = parsed.from?.address.toLowerCase();
      const subject = normaliseSubject(parsed.subject);
      if (sender && subject) {
        const key = `${sender}\n${subject}`;
        bySubject.set(key, [...(bySubject.get(key) ?? []), { at: parsed.date?.getTime() ?? Date.now(), key: threadKey }]);
      }
    },
  };
}
