import type { Features } from '../prepare';
import type { StoredIdentifier } from '../store/types';
import { jaroWinkler } from './jaro-winkler';
import { similarity } from './similarity-cache';

/** The compared fields and the names of their levels; level 0 is always "null" (missing on either side). */
export const FIELDS = [
  { name: 'given_name', levels: ['null', 'exact', 'nickname_or_variant', 'jw_0.92', 'jw_0.85_shortened_or_slip', 'different'] },
  { name: 'family_name', levels: ['null', 'exact', 'variant_or_jw_0.92', 'jw_0.85', 'different'] },
  { name: 'birth_date', levels: ['null', 'exact', 'day_month_transposed', 'one_part_differs', 'different'] },
  { name: 'postcode', levels: ['null', 'exact', 'one_character_differs', 'different'] },
  { name: 'street', levels: ['null', 'exact_with_number', 'same_number_close', 'same_street_other_number', 'different'] },
  { name: 'city', levels: ['null', 'exact', 'jw_0.88', 'different'] }, // null when the postcodes agree
  { name: 'email', levels: ['null', 'exact', 'local_part_exact', 'local_part_jw_0.88', 'different'] },
  { name: 'phone', levels: ['null', 'exact', 'one_digit_slip', 'different'] },
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

/** True when `a` and `b` are one edit apart: one character changed, dropped or added, or two neighbours swapped. */
export function oneEdit(a: string, b: string): boolean {
  return oneEditIn(inScratch(a, b), 0, a.length, a.length, b.length);
}

/**
 * {@link oneEdit} of two texts held as UTF-16 code units in `c`: `la` units from `sa` and `lb` from `sb`. The
 * batch's columns keep identifier values this way and compare them where they are, without making strings.
 */
export function oneEditIn(c: Uint16Array, sa: number, la: number, sb: number, lb: number): boolean {
  if (la !== lb) {
    if (la - lb !== 1 && lb - la !== 1) return false;
    const ss = la < lb ? sa : sb; // the shorter text
    const sl = la < lb ? sb : sa;
    const sn = la < lb ? la : lb;
    let i = 0;
    while (i < sn && c[ss + i] === c[sl + i]) i++;
    for (let k = i; k < sn; k++) if (c[ss + k] !== c[sl + k + 1]) return false;
    return true;
  }
  let first = -1;
  let diff = 0;
  for (let i = 0; i < la; i++) {
    if (c[sa + i] !== c[sb + i]) {
      if (++diff > 1) break;
      first = i;
    }
  }
  if (diff <= 1) return true;
  // one adjacent transposition counts as one edit
  if (first + 1 >= la || c[sa + first] !== c[sb + first + 1] || c[sa + first + 1] !== c[sb + first]) return false;
  for (let k = first + 2; k < la; k++) if (c[sa + k] !== c[sb + k]) return false;
  return true;
}

let textScratch = new Uint16Array(64);

/** The code units of `a` and, right after them, of `b`, in one reused array. */
function inScratch(a: string, b: string): Uint16Array {
  if (a.length + b.length > textScratch.length) textScratch = new Uint16Array(2 * (a.length + b.length));
  const c = textScratch;
  for (let i = 0; i < a.length; i++) c[i] = a.charCodeAt(i);
  for (let i = 0; i < b.length; i++) c[a.length + i] = b.charCodeAt(i);
  return c;
}

function givenLevel(a: Features, b: Features): number {
  const x = a.g;
  const y = b.g;
  if (x === undefined || y === undefined) return 0;
  if (x === y) return 1;
  if (a.gv === b.gv) return 2;
  if (a.gn !== undefined && b.gn !== undefined && a.gn.some((g) => b.gn!.includes(g))) return 2;
  if ((b.ga?.includes(x) ?? false) || (a.ga?.includes(y) ?? false)) return 2;
  const jw = similarity(x, y);
  if (jw >= 0.92) return 3;
  const [s, l] = x.length <= y.length ? [x, y] : [y, x];
  if (jw >= 0.85 || (s.length === 1 && l[0] === s) || (s.length >= 3 && l.startsWith(s))) return 4;
  // Jaro-Winkler's match window is too narrow for three- and four-letter names: Ari/Ai, Esa/Eas score ~0.65.
  if (x[0] === y[0] && typingSlip(s, l)) return 4;
  return 5;
}

/**
 * One letter dropped, doubled or added, or two neighbours swapped: slips of typing, not other names. A
 * substituted letter is left out, because in a short name it usually spells another name (Esa/Eva, Jari/Jani).
 */
export function typingSlip(s: string, l: string): boolean {
  if (l.length - s.length === 1) {
    let i = 0;
    while (i < s.length && s.charCodeAt(i) === l.charCodeAt(i)) i++;
    return s.slice(i) === l.slice(i + 1);
  }
  if (l.length !== s.length) return false;
  let i = 0;
  while (i < s.length && s.charCodeAt(i) === l.charCodeAt(i)) i++;
  return i < s.length - 1 && s[i] === l[i + 1] && s[i + 1] === l[i] && s.slice(i + 2) === l.slice(i + 2);
}

function familyLevel(a: Features, b: Features): number {
  if (a.f === undefined || b.f === undefined) return 0;
  if (a.f === b.f) return 1;
  if (a.fv === b.fv) return 2;
  const jw = similarity(a.f, b.f);
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

/**
 * Street and house number. The flat (`12 b 4`) is written on some records and not on others: a missing flat
 * does not disagree. A typo in the street with the same house number, or another flat of the same building, is
 * close; the same street with another number is a neighbour's address, weaker still.
 */
function streetLevel(a: Features, b: Features): number {
  if (a.st === undefined || b.st === undefined) return 0;
  const sameStreet = a.st === b.st;
  if (!sameStreet && similarity(a.st, b.st) < 0.9) return 4;
  const na = a.no;
  const nb = b.no;
  if (na === nb) return sameStreet ? 1 : 2;
  if (na === undefined || nb === undefined) return 3;
  const ha = houseNumberEnd(na);
  if (ha !== houseNumberEnd(nb) || na.slice(0, ha) !== nb.slice(0, ha)) return 3;
  // Same house number: a flat on one side only is no disagreement; two different flats are.
  return sameStreet && (ha === na.length || ha === nb.length) ? 1 : 2;
}

/** Length of the house number at the start of a number text (`12` of `12 b 4`, `12a` of `12a`). */
export function houseNumberEnd(no: string): number {
  const space = no.indexOf(' ');
  return space < 0 ? no.length : space;
}

function cityLevel(a: Features, b: Features): number {
  if (a.city === undefined || b.city === undefined) return 0;
  if (a.city === b.city) return 1;
  return similarity(a.city, b.city) >= 0.88 ? 2 : 3;
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
  // Only personal local parts are kept in features (see prepare): name-spelled ones add nothing to the names.
  if (la.length > 0 && lb.length > 0) {
    for (const x of la) if (lb.includes(x)) return 2;
    for (const x of la) for (const y of lb) if (jaroWinkler(x, y) >= 0.88) return 3;
  }
  // One name-spelled local part at another provider (matti.virtanen@ at Gmail and at Hotmail) is the names again:
  // it weighs neither way. Counted as agreement it would count the names twice (namesakes share it); counted as
  // a different address it would count against a person's second mailbox.
  for (const x of a.identifiers) {
    if (x.kind !== 'email') continue;
    for (const y of b.identifiers) if (y.kind === 'email' && sameLocalPart(x.value, y.value)) return 0;
  }
  return 4;
}

const DOT = 46;
const PLUS = 43;
const AT = 64;

/** True when two addresses have one local part once dots and a `+tag` are ignored (compared without copying). */
export function sameLocalPart(x: string, y: string): boolean {
  return sameLocalPartIn(inScratch(x, y), 0, x.length, x.length, x.length + y.length);
}

/** {@link sameLocalPart} of two addresses held as code units in `c`: from `i` to `endX` and from `j` to `endY`. */
export function sameLocalPartIn(c: Uint16Array, i: number, endX: number, j: number, endY: number): boolean {
  for (;;) {
    while (i < endX && c[i] === DOT) i++;
    while (j < endY && c[j] === DOT) j++;
    const cx = i < endX ? c[i]! : AT;
    const cy = j < endY ? c[j]! : AT;
    const doneX = cx === AT || cx === PLUS;
    const doneY = cy === AT || cy === PLUS;
    if (doneX || doneY) return doneX && doneY;
    if (cx !== cy) return false;
    i++;
    j++;
  }
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

/** Exact, one edit apart (a digit mistyped, dropped, doubled or two swapped: a slip, not another value), or different. */
function oneEditLevel(a: Comparable, b: Comparable, kind: string): number {
  const level = exactLevel(a, b, kind);
  if (level !== 2) return level;
  for (const x of a.identifiers) {
    if (x.kind !== kind) continue;
    for (const y of b.identifiers) if (y.kind === kind && oneEdit(x.value, y.value)) return 2;
  }
  return 3;
}

/** Phone numbers (E.164): one digit mistyped, dropped, doubled or two swapped is a slip, not another number. */
function phoneLevel(a: Comparable, b: Comparable): number {
  return oneEditLevel(a, b, 'phone');
}

function xidLevel(a: Comparable, b: Comparable): number {
  return oneEditLevel(a, b, 'external_id');
}

/**
 * Given and family name levels. Names written the wrong way round (`Virtanen Matti`), even with a typo in one of
 * them, count as a variant match of both: each crossed pair must start with the same letter and be equal or
 * within Jaro-Winkler 0.92.
 */
function compareNames(fa: Features, fb: Features, out: Levels): void {
  out[F.given] = givenLevel(fa, fb);
  out[F.family] = familyLevel(fa, fb);
  if (out[F.given]! >= 4 && out[F.family]! >= 3 && fa.g !== undefined && fb.g !== undefined && fa.f !== undefined
    && fb.f !== undefined && fa.g[0] === fb.f[0] && fa.f[0] === fb.g[0] && close(fa.g, fb.f) && close(fa.f, fb.g)) {
    out[F.given] = 2;
    out[F.family] = 2;
  }
}

function close(x: string, y: string): boolean {
  return x === y || similarity(x, y) >= 0.92;
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
  compareNames(fa, fb, out);
  out[F.dob] = dobLevel(fa, fb);
  out[F.postcode] = postcodeLevel(fa, fb);
  out[F.street] = streetLevel(fa, fb);
  // An equal postcode already says the city: counting both would count one fact twice. When the postcodes
  // differ or one is missing, the city is evidence of its own (a typo in the postcode, a moved record).
  out[F.city] = out[F.postcode] === 1 ? 0 : cityLevel(fa, fb);
  out[F.email] = emailLevel(a, b);
  out[F.phone] = phoneLevel(a, b);
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
  out[F.phone] = phoneLevel(a, b);
  out[F.xid] = xidLevel(a, b);
  if (!hasLinkEvidence(out)) return false;
  compareNames(fa, fb, out);
  out[F.city] = out[F.postcode] === 1 ? 0 : cityLevel(fa, fb);
  // Plainly different first names are another person unless the birth dates agree too (see guards).
  return !(out[F.given] === 5 && out[F.dob] !== 1 && out[F.dob] !== 2);
}

/** The fields whose agreement lets a pair link at all (the hard rule in guards.levelsAllowLink). */
const EVIDENCE = [F.dob, F.postcode, F.street, F.email, F.phone, F.xid];

/** True when a field other than the names agrees at some level short of "different" (names alone never link). */
export function hasLinkEvidence(out: Levels): boolean {
  for (let k = 0; k < EVIDENCE.length; k++) {
    const f = EVIDENCE[k]!;
    const l = out[f]!;
    if (l !== 0 && l < FIELDS[f]!.levels.length - 1) return true;
  }
  return false;
}
