import type { Case, CaseStatus, Channel, Entity, Interaction } from '@silta/model';
import type { RuleChange, RulePredicate, RuleReader } from './types';

/** Narrows what a case predicate looks at. `tags` and `words` are either-or: one hit of either matches. */
export interface CaseMatch {
  /** Matches when the case carries any of these tags (case-insensitive). */
  tags?: string[];
  /**
   * Matches when the subject or description holds a word starting with any of these (case-insensitive), so
   * `lasku` also finds Finnish inflections such as `laskun` and `laskusta`.
   */
  words?: string[];
  /** Only cases from this system (`freshdesk`). */
  system?: string;
  /** Only cases from this connection (the `SourceRef.connection`). */
  connection?: string;
  /** Only cases arriving through these channels. */
  channels?: Channel[];
}

const OPEN: ReadonlySet<CaseStatus> = new Set(['open', 'pending']);

/**
 * Fires when a case is created open, or reopened after being resolved or closed, and matches `match`.
 *
 * @example
 * caseOpened({ tags: ['lasku'], words: ['lasku', 'invoice', 'hyvitys'] })
 */
export function caseOpened(match: CaseMatch = {}): RulePredicate {
  return {
    describe: `case opened${describeMatch(match)}`,
    test: function caseOpenedTest(change) {
      const after = asCase(change.after);
      if (!after || after.deleted || !OPEN.has(after.status)) return false;
      const before = asCase(change.before);
      const opened = change.kind === 'created' || (before !== undefined && !OPEN.has(before.status));
      return opened && caseMatches(after, match);
    },
  };
}

/**
 * Fires when a case's status changes to one of `to` (for example a resolution, to send a survey).
 *
 * @example
 * caseStatusChanged({ to: ['resolved', 'closed'] })
 */
export function caseStatusChanged(options: CaseMatch & { to: CaseStatus[] }): RulePredicate {
  const { to, ...match } = options;
  return {
    describe: `case status changed to ${to.join('/')}${describeMatch(match)}`,
    test: function caseStatusChangedTest(change) {
      const after = asCase(change.after);
      if (!after || !to.includes(after.status)) return false;
      const before = asCase(change.before);
      return (change.kind === 'created' || (before !== undefined && before.status !== after.status)) && caseMatches(after, match);
    },
  };
}

/**
 * Fires when a new interaction arrives (an email, a chat, a call), optionally by channel, direction and words.
 *
 * @example
 * interactionReceived({ channels: ['chat'], direction: 'inbound', words: ['reklamaatio'] })
 */
export function interactionReceived(options: { channels?: Channel[]; direction?: Interaction['direction']; words?: string[]; includeAutomated?: boolean } = {}): RulePredicate {
  const words = normaliseWords(options.words);
  return {
    describe: `interaction received${options.channels ? ` on ${options.channels.join('/')}` : ''}${words.length ? ` with words ${words.join(', ')}` : ''}`,
    test: function interactionReceivedTest(change) {
      const after = change.after;
      if (change.kind !== 'created' || !after || after.entity !== 'interaction') return false;
      if (after.automated && !options.includeAutomated) return false;
      if (options.channels && !options.channels.includes(after.channel)) return false;
      if (options.direction && after.direction !== options.direction) return false;
      return words.length === 0 || hasWord(`${after.subject ?? ''} ${after.text ?? ''}`, words);
    },
  };
}

/**
 * Fires on any change to records of one entity; `kinds` narrows to created, updated or deleted.
 *
 * @example
 * changed('invoice', { kinds: ['created'] })
 */
export function changed(entity: Entity, options: { kinds?: RuleChange['kind'][] } = {}): RulePredicate {
  return {
    describe: `${entity} ${options.kinds?.join('/') ?? 'changed'}`,
    test: function changedTest(change) {
      const record = change.after ?? change.before;
      return record?.entity === entity && (!options.kinds || options.kinds.includes(change.kind));
    },
  };
}

/**
 * A predicate of your own; `describe` names it in logs.
 *
 * @example
 * matches('VIP customer', (change) => change.after?.entity === 'case' && change.after.tags.includes('vip'))
 */
export function matches(describe: string, test: (change: RuleChange, reader: RuleReader) => boolean | Promise<boolean>): RulePredicate {
  return { describe, test };
}

/**
 * Holds when any of the predicates holds.
 *
 * @example
 * anyOf(caseOpened({ tags: ['lasku'] }), interactionReceived({ words: ['lasku'] }))
 */
export function anyOf(...predicates: RulePredicate[]): RulePredicate {
  return {
    describe: predicates.map((p) => p.describe).join(' or '),
    test: async function anyOfTest(change, reader) {
      for (const p of predicates) if (await p.test(change, reader)) return true;
      return false;
    },
  };
}

/**
 * Holds when the predicate does not.
 *
 * @example
 * not(caseOpened({ tags: ['spam'] }))
 */
export function not(predicate: RulePredicate): RulePredicate {
  return {
    describe: `not (${predicate.describe})`,
    test: async function notTest(change, reader) {
      return !(await predicate.test(change, reader));
    },
  };
}

function asCase(record: RuleChange['after']): Case | undefined {
  return record && record.entity === 'case' ? record : undefined;
}

function caseMatches(record: Case, match: CaseMatch): boolean {
  if (match.system && record.ref.system !== match.system) return false;
  if (match.connection && record.ref.connection !== match.connection) return false;
  if (match.channels && !match.channels.includes(record.channel)) return false;
  const tags = (match.tags ?? []).map((t) => t.toLocaleLowerCase('fi'));
  const words = normaliseWords(match.words);
  if (tags.length === 0 && words.length === 0) return true;
  if (tags.length && record.tags.some((t) => tags.includes(t.toLocaleLowerCase('fi')))) return true;
  return words.length > 0 && hasWord(caseText(record), words);
}

/**
 * The words a case is searched by. The canonical case has no body, so the vendor's own description fields
 * (`description_text` in Freshdesk, `description` in most helpdesks) are read from `raw` when present.
 *
 * @example
 * caseText(ticket); // 'Lasku väärin  Hei, laskussa on virhe'
 */
export function caseText(record: Case): string {
  const raw = (record.raw ?? {}) as Record<string, unknown>;
  const body = typeof raw.description_text === 'string' ? raw.description_text : typeof raw.description === 'string' ? stripTags(raw.description) : '';
  return [record.subject, record.category ?? '', body].join(' ');
}

function stripTags(html: string): string {
  return html.replace(/<[^>]*>/g, ' ');
}

function normaliseWords(words: string[] | undefined): string[] {
  return (words ?? []).map((w) => w.trim().toLocaleLowerCase('fi')).filter((w) => w !== '');
}

function hasWord(text: string, words: string[]): boolean {
  const tokens = text.toLocaleLowerCase('fi').split(/[^\p{L}\p{N}]+/u);
  return tokens.some((token) => token !== '' && words.some((w) => token.startsWith(w)));
}

function describeMatch(match: CaseMatch): string {
  const parts: string[] = [];
  if (match.tags?.length) parts.push(`tagged ${match.tags.join('/')}`);
  if (match.words?.length) parts.push(`worded ${match.words.join('/')}`);
  const where = [match.system, match.connection].filter(Boolean).join(':');
  return `${where ? ` in ${where}` : ''}${parts.length ? ` ${parts.join(' or ')}` : ''}`;
}
