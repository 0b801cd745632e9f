import type { IdentifierKind } from '@silta/model';
import type { BlockedValues } from './settings';

/**
 * Tells why a normalised identifier value must not identify anyone, or undefined when it may.
 *
 * @example
 * blockedReason(DEFAULT_SETTINGS.blocked, 'email', 'info@yritys.fi'); // 'is a shared inbox (info@…)'
 */
export function blockedReason(blocked: BlockedValues, kind: IdentifierKind, value: string): string | undefined {
  const v = value.toLowerCase();
  if (blocked.exact['*']?.includes(v) === true || blocked.exact[kind]?.includes(v) === true) {
    return 'is a placeholder value';
  }
  const matched = firstMatch(blocked.patterns['*'], v) ?? firstMatch(blocked.patterns[kind], v);
  if (matched !== undefined) return `matches the blocked pattern ${String(matched)}`;
  if (kind === 'email') {
    const local = v.slice(0, v.lastIndexOf('@')).replace(/\+.*$/, '');
    if (blocked.sharedInboxes.includes(local)) return `is a shared inbox (${local}@…)`;
  }
  return undefined;
}

function firstMatch(patterns: readonly RegExp[] | undefined, value: string): RegExp | undefined {
  if (patterns !== undefined) for (const re of patterns) if (re.test(value)) return re;
  return undefined;
}
