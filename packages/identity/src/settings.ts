import type { IdentifierKind } from '@silta/model';
import { DEFAULT_NICKNAMES } from './normalise/nicknames';

/**
 * How one identifier kind links records. `strong`: equal values link unless a rule or a national id says no.
 * `guarded`: equal values link only when the names agree and the birth dates do not conflict (a shared family
 * phone, a couple's mailbox). `none`: kept for display and explanation, never links (order numbers, business ids).
 */
export interface KindPolicy {
  link: 'strong' | 'guarded' | 'none';
  /** Most distinct values one person may hold; a link that would exceed it is not made. */
  maxPerPerson: number;
  /** Lower number wins when a link would break a limit. */
  priority: number;
}

/** Values that never identify anyone. */
export interface BlockedValues {
  /** Exact normalised values, per kind or for every kind (`*`). */
  exact: Partial<Record<IdentifierKind | '*', readonly string[]>>;
  /** Patterns tested against the normalised value. */
  patterns: Partial<Record<IdentifierKind | '*', readonly RegExp[]>>;
  /** Local parts of shared inboxes (`info`, `asiakaspalvelu`…): blocked at any domain. */
  sharedInboxes: readonly string[];
}

/** Everything configurable in the resolver; {@link DEFAULT_SETTINGS} suit Finnish customer service. */
export interface IdentitySettings {
  kinds: Record<IdentifierKind, KindPolicy>;
  blocked: BlockedValues;
  /** Apply Gmail dot and +tag rules to email addresses. */
  emailProviderRules: boolean;
  defaultRegion: 'FI' | (string & {});
  /** Score candidates with the Fellegi–Sunter model (default true); false links by identifiers and rules only. */
  probabilistic: boolean;
  /** Match probability at or above which two records are linked. */
  linkThreshold: number;
  /** Match probability at or above which a pair is listed for review. */
  reviewThreshold: number;
  /** How many members of one blocking key are compared with a new record. */
  blockLimit: number;
  nicknames: readonly (readonly string[])[];
}

/**
 * Defaults: one national id per person; up to five emails and phones; business ids and order numbers never
 * link people; shared inboxes and placeholder values are blocked.
 *
 * @example
 * const settings = { ...DEFAULT_SETTINGS, linkThreshold: 0.99 };
 */
export const DEFAULT_SETTINGS: IdentitySettings = {
  kinds: {
    national_id: { link: 'strong', maxPerPerson: 1, priority: 1 },
    external_id: { link: 'strong', maxPerPerson: 10, priority: 2 },
    customer_number: { link: 'guarded', maxPerPerson: 10, priority: 3 },
    email: { link: 'guarded', maxPerPerson: 5, priority: 4 },
    social: { link: 'guarded', maxPerPerson: 5, priority: 5 },
    phone: { link: 'guarded', maxPerPerson: 5, priority: 6 },
    business_id: { link: 'none', maxPerPerson: 5, priority: 7 },
    order_number: { link: 'none', maxPerPerson: 10_000, priority: 8 },
  },
  blocked: {
    exact: { '*': ['', '0', '0000', '00000', 'unknown', 'none', 'null', 'n/a', 'na', '-', 'test', 'tuntematon', 'ei'] },
    patterns: {
      email: [
        /^(no-?reply|do-?not-?reply|noreply|mailer-daemon|postmaster|bounce[s]?)(\+.*)?@/,
        // RFC 2606 names that can never receive mail.
        /@(example\.(com|org|net)|localhost|[^@]*\.(example|invalid|test|localhost))$/,
        /^(unknown|none|test|asdf?|x+|a+)@/,
      ],
      phone: [/^\+\d{1,3}0{5,}$/, /^\+358(\d)\1{6,}$/, /^\+3581234567\d*$/],
      '*': [/^0+$/, /^x+$/i],
    },
    sharedInboxes: [
      'info', 'asiakaspalvelu', 'myynti', 'toimisto', 'office', 'sales', 'support', 'tuki', 'admin', 'contact',
      'laskutus', 'billing', 'posti', 'webmaster', 'hr', 'rekry', 'kirjaamo', 'palaute', 'feedback', 'hello', 'moi',
      'family', 'perhe', 'koti', 'home',
    ],
  },
  emailProviderRules: true,
  defaultRegion: 'FI',
  probabilistic: true,
  linkThreshold: 0.95,
  reviewThreshold: 0.5,
  blockLimit: 40,
  nicknames: DEFAULT_NICKNAMES,
};

/**
 * Merges partial settings over the defaults (kinds and blocked values per key).
 *
 * @example
 * resolveSettings({ blocked: { sharedInboxes: ['info', 'myynti', 'huolto'] } }).blocked.sharedInboxes.length; // 3
 */
export function resolveSettings(partial: SettingsInput = {}): IdentitySettings {
  const s: IdentitySettings = {
    ...DEFAULT_SETTINGS,
    ...partial,
    kinds: { ...DEFAULT_SETTINGS.kinds, ...partial.kinds } as IdentitySettings['kinds'],
    blocked: { ...DEFAULT_SETTINGS.blocked, ...partial.blocked },
  };
  if (!(s.reviewThreshold <= s.linkThreshold && s.linkThreshold <= 1 && s.reviewThreshold >= 0)) {
    throw new RangeError('settings.reviewThreshold must be ≤ settings.linkThreshold, both in [0, 1]');
  }
  return s;
}

/** Settings as a caller writes them: any part may be left out. */
export type SettingsInput = Partial<Omit<IdentitySettings, 'kinds' | 'blocked'>> & {
  kinds?: Partial<Record<IdentifierKind, KindPolicy>>;
  blocked?: Partial<BlockedValues>;
};
