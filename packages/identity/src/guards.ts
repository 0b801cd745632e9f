import type { IdentifierKind } from '@silta/model';
import { compareRecords, F, hasLinkEvidence, type Comparable } from './match/compare';
import type { IdentitySettings } from './settings';
import type { LinkRule, StoredIdentifier, StoredRecord } from './store/types';

/** How a proposed link was found; decides which guards apply. */
export type LinkMode = { type: 'identifier'; kind: IdentifierKind } | { type: 'probabilistic' } | { type: 'rule' };

const scratch = new Uint8Array(16);

/**
 * True when two records can be one person as far as names and birth dates tell: the birth dates do not
 * disagree beyond a typo or a day/month swap, and the first given names are not plainly different (unless
 * the birth dates are equal).
 *
 * @example
 * namesAgree(mattiRecord, liisaRecord); // false: a shared family phone must not merge them
 */
export function namesAgree(a: Comparable, b: Comparable): boolean {
  return levelsNamesAgree(compareRecords(a, b, scratch));
}

/** {@link namesAgree} on levels already computed (the batch reads them from its columns). @example levelsNamesAgree(lv); */
export function levelsNamesAgree(lv: Uint8Array): boolean {
  if (lv[F.dob] === 4) return false;
  if (lv[F.given] === 5 && lv[F.dob] !== 1 && lv[F.dob] !== 2) return false;
  // An unknown given name is only trusted when the family names agree.
  if (lv[F.given] === 0 && lv[F.family]! >= 3) return false;
  return true;
}

/**
 * True when a guarded identifier cannot attribute this record: its holders already belong to two or more
 * persons (a family mailbox, a household landline) and the record has no first name to tell which one it is.
 *
 * @example
 * sharedAndUnattributable(namelessRecord, 2); // true: perhe.virtanen@ is held by Matti and Liisa
 */
export function sharedAndUnattributable(rec: Comparable, holderPersons: number): boolean {
  return holderPersons >= 2 && rec.features.g === undefined;
}

/**
 * The hard rules over probabilistic links. Plainly different first names are a different person (a spouse,
 * a child at the same address and phone) unless the birth dates agree too; and names alone never link
 * (two Matti Virtanens with nothing else in common are two people): some other field must agree.
 *
 * @example
 * probabilisticAllowed(matti, liisa); // false when their birth dates differ
 */
export function probabilisticAllowed(a: Comparable, b: Comparable): boolean {
  return levelsAllowLink(compareRecords(a, b, scratch));
}

/** {@link probabilisticAllowed} on levels already computed. @example levelsAllowLink(compareRecords(a, b)); */
export function levelsAllowLink(lv: Uint8Array): boolean {
  if (lv[F.given] === 5 && lv[F.dob] !== 1 && lv[F.dob] !== 2) return false;
  return hasLinkEvidence(lv);
}

/**
 * True when merging two persons through record `self` would join two plainly different people on evidence that
 * cannot see the difference: some record of one and some record of the other plainly differ (first names that
 * differ without the birth dates agreeing, or birth dates that differ in more than one part), and `self` lacks
 * the field they differ in (no first name where their first names differ, no birth date where their birth dates
 * do). A nameless record that shares a family mailbox with one person and a household landline
 * with another cannot merge them. A record that has the field has already passed the hard rules against the
 * records it linked to, and a record with one mistyped or replaced value must still be able to join the rest.
 *
 * @example
 * personsConflict([liisaRecord], [nikoRecord], namelessRecord); // true
 */
export function personsConflict(a: readonly Comparable[], b: readonly Comparable[], self: Comparable): boolean {
  return mergeConflict(self, a.length, b.length, (i, j, out) => compareRecords(a[i]!, b[j]!, out));
}

const pairLevels = new Uint8Array(16);

/**
 * {@link personsConflict} over levels given by index (the batch path reads them from its columns): `pair(i, j)`
 * compares the i-th record of one person with the j-th of the other.
 *
 * @example
 * mergeConflict(rec, mine.length, theirs.length, (i, j, out) => columns.levels(mine[i], theirs[j], out));
 */
export function mergeConflict(self: Comparable, na: number, nb: number, pair: (i: number, j: number, out: Uint8Array) => void): boolean {
  const noGiven = self.features.g === undefined;
  const noDob = self.features.dob === undefined;
  if (!noGiven && !noDob) return false;
  for (let i = 0; i < na; i++) {
    for (let j = 0; j < nb; j++) {
      pair(i, j, pairLevels);
      if (noDob && pairLevels[F.dob] === 4) return true;
      if (noGiven && pairLevels[F.given] === 5 && pairLevels[F.dob] !== 1 && pairLevels[F.dob] !== 2) return true;
    }
  }
  return false;
}

/** The subjects rules can name for a record. @example subjectsOf(rec); // ['record:crm:…', 'identifier:email:…'] */
export function subjectsOf(rec: { key: string; identifiers: readonly StoredIdentifier[] }): string[] {
  return [`record:${rec.key}`, ...rec.identifiers.map((id) => `identifier:${id.kind}:${id.value}`)];
}

/**
 * Why two groups of records must stay apart, or undefined when they may be merged: a never-link rule, a
 * second national id, or a per-kind limit that the link would break (for identifier links, limits of kinds
 * of the same or higher priority than the linking kind; for probabilistic and rule links, every linking kind).
 */
export function mergeBlocker(
  settings: IdentitySettings,
  a: readonly StoredRecord[],
  b: readonly StoredRecord[],
  rules: readonly LinkRule[],
  mode: LinkMode,
): string | undefined {
  if (rules.length > 0) {
    const sa = new Set(a.flatMap(subjectsOf));
    const sb = new Set(b.flatMap(subjectsOf));
    for (const rule of rules) {
      if (rule.kind !== 'never-link') continue;
      if ((sa.has(rule.a) && sb.has(rule.b)) || (sa.has(rule.b) && sb.has(rule.a))) return `never-link rule ${rule.id}`;
    }
  }
  const distinct = new Map<IdentifierKind, Set<string>>();
  for (const rec of [...a, ...b]) {
    for (const id of rec.identifiers) {
      let set = distinct.get(id.kind);
      if (set === undefined) distinct.set(id.kind, (set = new Set()));
      set.add(id.value);
    }
  }
  const linkPriority = mode.type === 'identifier' ? settings.kinds[mode.kind].priority : 0;
  for (const [kind, values] of distinct) {
    const policy = settings.kinds[kind];
    if (values.size <= policy.maxPerPerson) continue;
    if (kind === 'national_id') return 'the two would hold two different national ids';
    if (mode.type === 'identifier' && policy.priority <= linkPriority) return `more than ${policy.maxPerPerson} ${kind} values`;
    if (mode.type !== 'identifier' && policy.link !== 'none') return `more than ${policy.maxPerPerson} ${kind} values`;
  }
  return undefined;
}
