import type { Features } from '../prepare';
import type { StoredIdentifier } from '../store/types';
import { jaroWinkler } from './jaro-winkler';

/** The compared fields and the names of their levels; level 0 is always "null" (missing on either side). */
export const FIELDS = [
  { name: 'given_name', levels: ['null', 'exact', 'nickname_or_variant', 'jw_0.92', 'jw_0.85_or_shortened', 'different'] },
  { name: 'family_name', levels: ['null', 'exact', 'variant_or_jw_0.92', 'jw_0.85', 'different'] },
  { name: 'birth_date', levels: ['null', 'exact', 'day_month_transposed', 'one_part_differs', 'different'] },
  { name: 'postcode', levels: ['null', 'exact', 'one_character_differs', 'different'] },
  { name: 'street', levels: ['null', 'exact_with_number', 'jw_0.9', 'different'] },
  { name: 'city', levels: ['null', 'exact', 'jw_0.88', 'different'] }, // null when the postcodes agree
  { name: 'email', levels: ['null', 'exact', 'local_part_exact', 'local_part_jw_0.88', 'different'] },
  { name: 'phone', levels: ['null', 'exact', 'different'] },
  { name: 'external_id', levels: ['null', 'exact', 'one_edit', 'different'] },
] as const;

/** Index of each field in a comparison vector. */
export const F = { given: 0, family: 1, dob: 2, postcode: 3, street: 4, city: 5, email: 6, phone: 7, xid: 8 } as const;

/** The parts of a record the comparison reads. */
export interface Comparable {
  features: Features;
  identifiers: readonly StoredIdentifier[];
}

/** Levels of one record pair, one per field of {@link FIELDS}. */
export type Levels = Uint8Array;

function oneEdit(a: string, b: string): boolean {
  if (a.length !== b.length) {
    const [s, l] = a.length < b.length ? [a, b] : [b, a];
    if (l.length - s.length !== 1) return false;
    let i = 0;
    while (i < s.length && s[i] === l[i]) i++;
    return s.slice(i) === l.slice(i + 1);
  }
  let diff = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && ++diff > 1) break;
  if (diff <= 1) return true;
  // one adjacent transposition counts as one edit
  for (let i = 0; i < a.length - 1; i++) {
    if (a[i] !== b[i]) return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return false;
}

function givenLevel(a: Features, b: Features): number {
  const x = a.g;
  const y = b.g;
  if (x === undefined || y === undefined) return 0;
  if (x === y) return 1;
  if (a.gv === b.gv) return 2;
  if (a.gn !== undefined && b.gn !== undefined && a.gn.some((g) => b.gn!.includes(g))) return 2;
  if ((b.ga?.includes(x) ?? false) || (a.ga?.includes(y) ?? false)) return 2;
  const jw = jaroWinkler(x, y);
  if (jw >= 0.92) return 3;
  const [s, l] = x.length <= y.length ? [x, y] : [y, x];
  if (jw >= 0.85 || (s.length === 1 && l[0] === s) || (s.length >= 3 && l.startsWith(s))) return 4;
  return 5;
}

function familyLevel(a: Features, b: Features): number {
  if (a.f === undefined || b.f === undefined) return 0;
  if (a.f === b.f) return 1;
  if (a.fv === b.fv) return 2;
  const jw = jaroWinkler(a.f, b.f);
  if (jw >= 0.92) return 2;
  return jw >= 0.85 ? 3 : 4;
}

function dobLevel(a: Features, b: Features): number {
  const x = a.dob;
  const y = b.dob;
  if (x === undefined || y === undefined) return 0;
  if (x === y) return 1;
  // YYYY-MM-DD: year 0..4, month 5..7, day 8..10. Compared by character: no substrings on the hot path.
  const sameYear = sameAt(x, y, 0, 0, 4);
  const sameMonth = sameAt(x, y, 5, 5, 2);
  const sameDay = sameAt(x, y, 8, 8, 2);
  if (sameYear && sameAt(x, y, 5, 8, 2) && sameAt(x, y, 8, 5, 2)) return 2;
  const same = (sameYear ? 1 : 0) + (sameMonth ? 1 : 0) + (sameDay ? 1 : 0);
  return same === 2 ? 3 : 4;
}

/** True when `len` characters of `x` from `i` equal those of `y` from `j` (both long enough). */
function sameAt(x: string, y: string, i: number, j: number, len: number): boolean {
  if (x.length < i + len || y.length < j + len) return x.slice(i, i + len) === y.slice(j, j + len);
  for (let k = 0; k < len; k++) if (x.charCodeAt(i + k) !== y.charCodeAt(j + k)) return false;
  return true;
}

function postcodeLevel(a: Features, b: Features): number {
  if (a.pc === undefined || b.pc === undefined) return 0;
  if (a.pc === b.pc) return 1;
  return oneEdit(a.pc, b.pc) ? 2 : 3;
}

function streetLevel(a: Features, b: Features): number {
  if (a.st === undefined || b.st === undefined) return 0;
  if (a.st === b.st && a.no === b.no) return 1;
  if (a.st === b.st || jaroWinkler(a.st, b.st) >= 0.9) return 2;
  return 3;
}

function cityLevel(a: Features, b: Features): number {
  if (a.city === undefined || b.city === undefined) return 0;
  if (a.city === b.city) return 1;
  return jaroWinkler(a.city, b.city) >= 0.88 ? 2 : 3;
}

function emailLevel(a: Comparable, b: Comparable): number {
  let anyA = false;
  let anyB = false;
  for (const x of a.identifiers) {
    if (x.kind !== 'email') continue;
    anyA = true;
    for (const y of b.identifiers) {
      if (y.kind !== 'email') continue;
      anyB = true;
      if (x.value === y.value) return 1;
    }
  }
  if (!anyA) return 0;
  if (!anyB) {
    for (const y of b.identifiers) if (y.kind === 'email') anyB = true;
    if (!anyB) return 0;
  }
  const la = a.features.el ?? [];
  const lb = b.features.el ?? [];
  if (la.length === 0 || lb.length === 0) return 4;
  // Only personal local parts are kept in features (see prepare): name-spelled ones add nothing to the names.
  for (const x of la) if (lb.includes(x)) return 2;
  for (const x of la) for (const y of lb) if (jaroWinkler(x, y) >= 0.88) return 3;
  return 4;
}

function exactLevel(a: Comparable, b: Comparable, kind: string): number {
  let anyA = false;
  let anyB = false;
  for (const y of b.identifiers) if (y.kind === kind) anyB = true;
  if (!anyB) return 0;
  for (const x of a.identifiers) {
    if (x.kind !== kind) continue;
    anyA = true;
    for (const y of b.identifiers) if (y.kind === kind && x.value === y.value) return 1;
  }
  return anyA ? 2 : 0;
}

function xidLevel(a: Comparable, b: Comparable): number {
  const level = exactLevel(a, b, 'external_id');
  if (level !== 2) return level;
  for (const x of a.identifiers) {
    if (x.kind !== 'external_id') continue;
    for (const y of b.identifiers) if (y.kind === 'external_id' && oneEdit(x.value, y.value)) return 2;
  }
  return 3;
}

/**
 * Compares two records field by field and returns the level reached in each field of {@link FIELDS}.
 * Given and family names written the wrong way round count as a variant match of both.
 *
 * @example
 * const levels = compareRecords(a, b);
 * FIELDS[0].levels[levels[0]!]; // 'nickname_or_variant' for Bill vs William
 */
export function compareRecords(a: Comparable, b: Comparable, out: Levels = new Uint8Array(FIELDS.length)): Levels {
  const fa = a.features;
  const fb = b.features;
  out[F.given] = givenLevel(fa, fb);
  out[F.family] = familyLevel(fa, fb);
  if (out[F.given]! >= 4 && out[F.family]! >= 3 && fa.g !== undefined && fa.g === fb.f && fa.f === fb.g) {
    out[F.given] = 2;
    out[F.family] = 2;
  }
  out[F.dob] = dobLevel(fa, fb);
  out[F.postcode] = postcodeLevel(fa, fb);
  out[F.street] = streetLevel(fa, fb);
  // An equal postcode already says the city: counting both would count one fact twice. When the postcodes
  // differ or one is missing, the city is evidence of its own (a typo in the postcode, a moved record).
  out[F.city] = out[F.postcode] === 1 ? 0 : cityLevel(fa, fb);
  out[F.email] = emailLevel(a, b);
  out[F.phone] = exactLevel(a, b, 'phone');
  out[F.xid] = xidLevel(a, b);
  return out;
}

/**
 * {@link compareRecords} for a candidate that may only be linked when the hard rules allow it: the identifier
 * and place fields are compared first, and when none of them agrees (names alone never link) the name fields
 * are not compared at all. Returns whether the pair may link; when true, `out` holds every level exactly as
 * {@link compareRecords} would.
 *
 * @example
 * if (compareLinkable(a, b, levels)) weight = weightOfLevels(model, a, levels);
 */
export function compareLinkable(a: Comparable, b: Comparable, out: Levels): boolean {
  const fa = a.features;
  const fb = b.features;
  out[F.dob] = dobLevel(fa, fb);
  out[F.postcode] = postcodeLevel(fa, fb);
  out[F.street] = streetLevel(fa, fb);
  out[F.email] = emailLevel(a, b);
  out[F.phone] = exactLevel(a, b, 'phone');
  out[F.xid] = xidLevel(a, b);
  let evidence = false;
  for (let k = 0; k < EVIDENCE.length && !evidence; k++) {
    const f = EVIDENCE[k]!;
    const l = out[f]!;
    if (l !== 0 && l < FIELDS[f]!.levels.length - 1) evidence = true;
  }
  if (!evidence) return false;
  out[F.given] = givenLevel(fa, fb);
  out[F.family] = familyLevel(fa, fb);
  if (out[F.given]! >= 4 && out[F.family]! >= 3 && fa.g !== undefined && fa.g === fb.f && fa.f === fb.g) {
    out[F.given] = 2;
    out[F.family] = 2;
  }
  out[F.city] = out[F.postcode] === 1 ? 0 : cityLevel(fa, fb);
  // Plainly different first names are another person unless the birth dates agree too (see guards).
  return !(out[F.given] === 5 && out[F.dob] !== 1 && out[F.dob] !== 2);
}

/** The fields whose agreement lets a pair link at all (the hard rule in guards.levelsAllowLink). */
const EVIDENCE = [F.dob, F.postcode, F.street, F.email, F.phone, F.xid];
