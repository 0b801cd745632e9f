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
  if ((blocked.exact['*'] ?? []).includes(v) || (blocked.exact[kind] ?? []).includes(v)) {
    return 'is a placeholder value';
  }
  for (const re of [...(blocked.patterns['*'] ?? []), ...(blocked.patterns[kind] ?? [])]) {
    if (re.test(v)) return `matches the blocked pattern ${String(re)}`;
  }
  if (kind === 'email') {
    const local = v.slice(0, v.lastIndexOf('@')).replace(/\+.*$/, '');
    if (blocked.sharedInboxes.includes(local)) return `is a shared inbox (${local}@…)`;
  }
  return undefined;
}
