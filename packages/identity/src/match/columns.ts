import { F, hasLinkEvidence, houseNumberEnd, oneEdit, oneEditIn, sameLocalPartIn, typingSlip, type Comparable, type Levels } from './compare';
import { jaroWinkler } from './jaro-winkler';
import { PairTable } from './pair-table';
import { grown, inSharedMemory, int32Array } from '../typed-arrays';
import { FNV_OFFSET, fnv1a, fnvStep } from '../fnv';

// One row of int32 per record. Low-cardinality texts (names, postcodes, streets, cities) are codes of one
// dictionary, so equal texts are equal codes; -1 is "missing". Identifier values are too many to keep a
// dictionary of: they sit in a pool as a 32-bit hash beside their characters (UTF-16 code units in one flat
// array), and only equal hashes compare characters. Numbers only, so another thread can share them as they are.
const G = 0; // first given name, folded
const GV = 1; // its variant key
const FAM = 2; // family name, folded
const FV = 3; // its variant key
const DOB = 4; // birth date as yyyymmdd
const PC = 5;
const ST = 6;
const NO = 7; // house number with flat
const HN = 8; // house number without the flat
const FLAT = 9; // 1 when a flat is written
const CITY = 10;
const POOL = 11; // where this record's pool entries start
const N_EMAIL = 12; // each email takes two entries: its value, and its local part without dots or +tag
const N_PHONE = 13; // each phone takes three entries: its value and the hashes of two of its parts (phoneParts)
const N_XID = 14;
const N_EL = 15; // personal email local parts
const N_GN = 16; // nickname groups (numbers, not hashes)
const N_GA = 17; // all given names (codes)
const PCN = 18; // a postcode of five digits as its number (else missing), compared without reading strings
// The pool hashes of the first email and phone, repeated in the row: most pairs hold one of each, and a pair
// whose hashes differ is decided without a trip to the pool.
const E0 = 19; // the first email's value hash
const E0L = 20; // its local part's hash (see localKeyHash)
const P0 = 21; // the first phone's value hash
const P0H = 22; // its two parts' hashes (see phoneParts)
const P0T = 23;
const GN0 = 24; // the first nickname group (or missing), likewise: most names have one group or none
const STRIDE = 25;

const MISSING = -1;
/** Phone numbers from this length on carry the hashes of two parts (see {@link phoneParts}). */
const PARTS_FROM = 12;
/** Slots of the similarity table: it remembers up to half as many pairs of codes, then starts over. */
const SIMILARITY_SLOTS = 1 << 22;
/** Slots of the table of postcode pairs one edit apart (a few thousand postcodes meet each other often). */
const POSTCODE_SLOTS = 1 << 18;

/**
 * The comparison fields of a growing set of records, laid out as numbers in flat arrays, so that comparing a
 * new record with a candidate reads one row of a typed array rather than following a dozen references through
 * a heap of a million records. Gives exactly the levels of {@link compareLinkable} (the object form stays the
 * reference: explanations, fitting and single adds use it).
 *
 * @example
 * const columns = new ComparisonColumns(records.length);
 * columns.add(a); columns.add(b);
 * if (columns.linkable(1, 0, levels)) weight = weightOfLevels(model, b, levels);
 */
export class ComparisonColumns {
  private rows: Int32Array;
  private pool: Int32Array = new Int32Array(1 << 16);
  private poolLength = 0;
  /** Pool entry p's text is `chars` from `textStart[p]` up to `textStart[p + 1]`. */
  private textStart: Int32Array = new Int32Array(1 << 16);
  private chars: Uint16Array = new Uint16Array(1 << 20);
  private readonly codes = new Map<string, number>();
  private texts: string[] = [];
  private readonly similar = new PairTable(SIMILARITY_SLOTS);
  private readonly postcodesNear = new PairTable(POSTCODE_SLOTS);
  private count = 0;

  /**
   * `expected` records; with `shared`, the columns are in shared memory from the start and stay there as they
   * grow, so {@link parts} hands them over without a copy.
   */
  constructor(expected = 1024, shared = false) {
    this.rows = int32Array(Math.max(1, expected) * STRIDE, shared);
    if (shared) {
      this.pool = int32Array(this.pool.length, true);
      this.textStart = int32Array(this.textStart.length, true);
      this.chars = new Uint16Array(new SharedArrayBuffer(2 * this.chars.length));
    }
  }

  /**
   * What another thread needs to compare the same records ({@link fromParts}): the rows and the pool in shared
   * memory (moved there if they are not yet), and the dictionary's texts, which the message carrying them copies.
   */
  parts(): ColumnsParts {
    this.rows = inSharedMemory(this.rows, this.count * STRIDE);
    this.pool = inSharedMemory(this.pool, this.poolLength);
    this.textStart = inSharedMemory(this.textStart, this.poolLength + 1);
    this.chars = inSharedMemory(this.chars, this.textStart[this.poolLength]!);
    return { rows: this.rows, pool: this.pool, textStart: this.textStart, chars: this.chars, poolLength: this.poolLength, texts: this.texts, count: this.count };
  }

  /** Columns over the {@link parts} of another: for comparing only, not for adding to. */
  static fromParts(parts: ColumnsParts): ComparisonColumns {
    const columns = new ComparisonColumns(1);
    columns.rows = parts.rows;
    columns.pool = parts.pool;
    columns.textStart = parts.textStart;
    columns.chars = parts.chars;
    columns.poolLength = parts.poolLength;
    columns.texts = parts.texts;
    columns.count = parts.count;
    return columns;
  }

  /** Number of records added. */
  get size(): number {
    return this.count;
  }

  /** Adds a record; returns its index (indices count up from 0 in the order of adding). */
  add(record: Comparable): number {
    const i = this.count++;
    if ((i + 1) * STRIDE > this.rows.length) this.rows = grown(this.rows, (i + 1) * STRIDE);
    const r = this.rows;
    const at = i * STRIDE;
    const f = record.features;
    // A variant key or a house number is often the text itself: one dictionary lookup less.
    r[at + G] = this.code(f.g);
    r[at + GV] = f.gv === f.g ? r[at + G]! : this.code(f.gv);
    r[at + FAM] = this.code(f.f);
    r[at + FV] = f.fv === f.f ? r[at + FAM]! : this.code(f.fv);
    // Read digit by digit: slices and regular expressions per record are a million short-lived strings.
    r[at + DOB] = f.dob === undefined ? MISSING : digits(f.dob, 0, 4) * 10000 + digits(f.dob, 5, 7) * 100 + digits(f.dob, 8, 10);
    r[at + PC] = this.code(f.pc);
    r[at + PCN] = f.pc !== undefined && f.pc.length === 5 ? digitsOrMissing(f.pc) : MISSING;
    r[at + ST] = this.code(f.st);
    r[at + NO] = this.code(f.no);
    if (f.no === undefined) {
      r[at + HN] = MISSING;
      r[at + FLAT] = 0;
    } else {
      const end = houseNumberEnd(f.no);
      r[at + HN] = end === f.no.length ? r[at + NO]! : this.code(f.no.slice(0, end));
      r[at + FLAT] = end === f.no.length ? 0 : 1;
    }
    r[at + CITY] = this.code(f.city);
    r[at + POOL] = this.poolLength;
    let emails = 0;
    for (const id of record.identifiers) {
      if (id.kind !== 'email') continue;
      this.put(fnv1a(id.value), id.value);
      this.put(localKeyHash(id.value), ''); // its text is the entry before
      emails++;
    }
    r[at + N_EMAIL] = emails;
    const firstEmail = r[at + POOL]!;
    r[at + E0] = emails > 0 ? this.pool[firstEmail]! : 0;
    r[at + E0L] = emails > 0 ? this.pool[firstEmail + 1]! : 0;
    let phones = 0;
    for (const id of record.identifiers) {
      if (id.kind !== 'phone') continue;
      this.put(fnv1a(id.value), id.value);
      this.put(phoneHead(id.value), '');
      this.put(phoneTail(id.value), '');
      phones++;
    }
    r[at + N_PHONE] = phones;
    const firstPhone = firstEmail + 2 * emails;
    r[at + P0] = phones > 0 ? this.pool[firstPhone]! : 0;
    r[at + P0H] = phones > 0 ? this.pool[firstPhone + 1]! : 0;
    r[at + P0T] = phones > 0 ? this.pool[firstPhone + 2]! : 0;
    r[at + N_XID] = this.putValues(record, 'external_id');
    const el = f.el ?? [];
    for (const local of el) this.put(fnv1a(local), local);
    r[at + N_EL] = el.length;
    const gn = f.gn ?? [];
    for (const group of gn) this.put(group, '');
    r[at + N_GN] = gn.length;
    r[at + GN0] = gn.length > 0 ? gn[0]! : MISSING;
    const ga = f.ga ?? [];
    for (const name of ga) this.put(this.code(name), ''); // compared by code only
    r[at + N_GA] = ga.length;
    return i;
  }

  /**
   * {@link compareLinkable} of records `a` and `b` (indices from {@link add}): whether the pair may link, and
   * when it may, every level in `out`.
   */
  linkable(a: number, b: number, out: Levels): boolean {
    const ra = a * STRIDE;
    const rb = b * STRIDE;
    this.evidenceLevels(ra, rb, out);
    if (!hasLinkEvidence(out)) return false;
    this.nameAndCityLevels(ra, rb, out);
    return !(out[F.given] === 5 && out[F.dob] !== 1 && out[F.dob] !== 2);
  }

  /** {@link compareRecords} of records `a` and `b`: every level, whether or not the pair may link. */
  levels(a: number, b: number, out: Levels): void {
    this.evidenceLevels(a * STRIDE, b * STRIDE, out);
    this.nameAndCityLevels(a * STRIDE, b * STRIDE, out);
  }

  /** The levels of the fields whose agreement lets a pair link at all (see hasLinkEvidence). */
  private evidenceLevels(ra: number, rb: number, out: Levels): void {
    out[F.dob] = dobLevel(this.rows[ra + DOB]!, this.rows[rb + DOB]!);
    out[F.postcode] = this.postcodeLevel(ra, rb);
    out[F.street] = this.streetLevel(ra, rb);
    out[F.email] = this.emailLevel(ra, rb);
    out[F.phone] = this.oneEditLevel(ra, rb, N_PHONE);
    out[F.xid] = this.oneEditLevel(ra, rb, N_XID);
  }

  private nameAndCityLevels(ra: number, rb: number, out: Levels): void {
    this.nameLevels(ra, rb, out);
    // As in compareRecords: an equal postcode already says the city.
    out[F.city] = out[F.postcode] === 1 ? 0 : this.textLevel(this.rows[ra + CITY]!, this.rows[rb + CITY]!, 0.88);
  }

  private code(text: string | undefined): number {
    if (text === undefined) return MISSING;
    let c = this.codes.get(text);
    if (c === undefined) {
      c = this.texts.length;
      this.codes.set(text, c);
      this.texts.push(text);
    }
    return c;
  }

  private put(value: number, text: string): void {
    const p = this.poolLength++;
    if (this.poolLength + 1 > this.pool.length) {
      this.pool = grown(this.pool, this.poolLength + 1);
      this.textStart = grown(this.textStart, this.poolLength + 1);
    }
    this.pool[p] = value;
    const start = this.textStart[p]!;
    if (start + text.length > this.chars.length) this.chars = grown(this.chars, start + text.length);
    for (let k = 0; k < text.length; k++) this.chars[start + k] = text.charCodeAt(k);
    this.textStart[p + 1] = start + text.length;
  }

  /** The text of pool entry `p`. */
  private textAt(p: number): string {
    return String.fromCharCode.apply(null, this.chars.subarray(this.textStart[p]!, this.textStart[p + 1]!) as unknown as number[]);
  }

  /** {@link oneEdit} of the texts of pool entries `x` and `y`, read where they are. */
  private oneEditAt(x: number, y: number): boolean {
    const ts = this.textStart;
    return oneEditIn(this.chars, ts[x]!, ts[x + 1]! - ts[x]!, ts[y]!, ts[y + 1]! - ts[y]!);
  }

  /** sameLocalPart of the addresses of pool entries `x` and `y`, read where they are. */
  private sameLocalPartAt(x: number, y: number): boolean {
    const ts = this.textStart;
    return sameLocalPartIn(this.chars, ts[x]!, ts[x + 1]!, ts[y]!, ts[y + 1]!);
  }

  /** True when pool entries `x` and `y` hold the same text. */
  private sameText(x: number, y: number): boolean {
    const chars = this.chars;
    const sx = this.textStart[x]!;
    const sy = this.textStart[y]!;
    const length = this.textStart[x + 1]! - sx;
    if (this.textStart[y + 1]! - sy !== length) return false;
    for (let k = 0; k < length; k++) if (chars[sx + k] !== chars[sy + k]) return false;
    return true;
  }

  private putValues(record: Comparable, kind: string): number {
    let n = 0;
    for (const id of record.identifiers) {
      if (id.kind !== kind) continue;
      this.put(fnv1a(id.value), id.value);
      n++;
    }
    return n;
  }

  /** Start in the pool of the entries counted in `slot` of row `r` (entries are stored in slot order). */
  private start(r: number, slot: number): number {
    const rows = this.rows;
    let at = rows[r + POOL]!;
    if (slot > N_EMAIL) at += 2 * rows[r + N_EMAIL]!;
    if (slot > N_PHONE) at += 3 * rows[r + N_PHONE]!;
    for (let s = N_PHONE + 1; s < slot; s++) at += rows[r + s]!;
    return at;
  }

  /** Jaro-Winkler similarity of two codes' texts, remembered per pair. */
  private similarity(x: number, y: number): number {
    if (x === y) return 1;
    const lo = x < y ? x : y;
    const hi = x < y ? y : x;
    const known = this.similar.get(lo, hi);
    if (known === known) return known; // not NaN
    const value = jaroWinkler(this.texts[lo]!, this.texts[hi]!);
    this.similar.set(lo, hi, value);
    return value;
  }

  private textLevel(x: number, y: number, close: number): number {
    if (x === MISSING || y === MISSING) return 0;
    if (x === y) return 1;
    return this.similarity(x, y) >= close ? 2 : 3;
  }

  private postcodeLevel(ra: number, rb: number): number {
    const x = this.rows[ra + PC]!;
    const y = this.rows[rb + PC]!;
    if (x === MISSING || y === MISSING) return 0;
    if (x === y) return 1;
    const nx = this.rows[ra + PCN]!;
    const ny = this.rows[rb + PCN]!;
    if (nx !== MISSING && ny !== MISSING) return fiveDigitsOneEdit(nx, ny) ? 2 : 3;
    const lo = x < y ? x : y;
    const hi = x < y ? y : x;
    let level = this.postcodesNear.get(lo, hi);
    if (level !== level) this.postcodesNear.set(lo, hi, (level = oneEdit(this.texts[lo]!, this.texts[hi]!) ? 2 : 3));
    return level;
  }

  private streetLevel(ra: number, rb: number): number {
    const r = this.rows;
    const sa = r[ra + ST]!;
    const sb = r[rb + ST]!;
    if (sa === MISSING || sb === MISSING) return 0;
    const sameStreet = sa === sb;
    if (!sameStreet && this.similarity(sa, sb) < 0.9) return 4;
    const na = r[ra + NO]!;
    const nb = r[rb + NO]!;
    if (na === nb) return sameStreet ? 1 : 2;
    if (na === MISSING || nb === MISSING) return 3;
    if (r[ra + HN] !== r[rb + HN]) return 3;
    return sameStreet && (r[ra + FLAT] === 0 || r[rb + FLAT] === 0) ? 1 : 2;
  }

  private emailLevel(ra: number, rb: number): number {
    const r = this.rows;
    const na = r[ra + N_EMAIL]!;
    const nb = r[rb + N_EMAIL]!;
    if (na === 0 || nb === 0) return 0;
    const pool = this.pool;
    const pa = r[ra + POOL]!;
    const pb = r[rb + POOL]!;
    if (na === 1 && nb === 1) {
      // One address each (most pairs): the row's hashes decide unless they are equal.
      if (r[ra + E0] === r[rb + E0] && this.sameText(pa, pb)) return 1;
    } else if (this.anyEqual(pa, na, pb, nb, 2)) return 1;
    const ea = r[ra + N_EL]!;
    const eb = r[rb + N_EL]!;
    if (ea > 0 && eb > 0) {
      const la = this.start(ra, N_EL);
      const lb = this.start(rb, N_EL);
      if (this.anyEqual(la, ea, lb, eb, 1)) return 2;
      for (let i = 0; i < ea; i++) {
        for (let j = 0; j < eb; j++) if (jaroWinkler(this.textAt(la + i), this.textAt(lb + j)) >= 0.88) return 3;
      }
    }
    if (na === 1 && nb === 1) return r[ra + E0L] === r[rb + E0L] && this.sameLocalPartAt(pa, pb) ? 0 : 4;
    for (let i = 0; i < na; i++) {
      for (let j = 0; j < nb; j++) {
        const x = pa + 2 * i + 1;
        const y = pb + 2 * j + 1;
        if (pool[x] === pool[y] && this.sameLocalPartAt(x - 1, y - 1)) return 0;
      }
    }
    return 4;
  }

  /** True when one of `na` pool values from `pa` equals one of `nb` from `pb` (entries `step` apart). */
  private anyEqual(pa: number, na: number, pb: number, nb: number, step: number): boolean {
    const pool = this.pool;
    for (let i = 0; i < na * step; i += step) {
      for (let j = 0; j < nb * step; j += step) if (pool[pa + i] === pool[pb + j] && this.sameText(pa + i, pb + j)) return true;
    }
    return false;
  }

  /** Phones (three entries each, with their parts) or external ids (one entry each): exact, one edit, different. */
  private oneEditLevel(ra: number, rb: number, slot: number): number {
    const r = this.rows;
    const na = r[ra + slot]!;
    const nb = r[rb + slot]!;
    if (na === 0 || nb === 0) return 0;
    if (slot === N_PHONE && na === 1 && nb === 1) return this.phoneLevel(ra, rb);
    const pool = this.pool;
    const step = slot === N_PHONE ? 3 : 1;
    const pa = this.start(ra, slot);
    const pb = this.start(rb, slot);
    if (this.anyEqual(pa, na, pb, nb, step)) return 1;
    for (let x = pa; x < pa + step * na; x += step) {
      for (let y = pb; y < pb + step * nb; y += step) {
        // Two long phones with neither part in common: not one edit apart, and the strings are not read.
        if (step === 3 && pool[x + 1] !== 0 && pool[y + 1] !== 0 && pool[x + 1] !== pool[y + 1] && pool[x + 2] !== pool[y + 2]) continue;
        if (this.oneEditAt(x, y)) return 2;
      }
    }
    return 3;
  }

  /** {@link oneEditLevel} of two rows holding one phone each, from the hashes in the rows where they decide. */
  private phoneLevel(ra: number, rb: number): number {
    const r = this.rows;
    const pa = this.start(ra, N_PHONE);
    const pb = this.start(rb, N_PHONE);
    if (r[ra + P0] === r[rb + P0] && this.sameText(pa, pb)) return 1;
    const ha = r[ra + P0H]!;
    const hb = r[rb + P0H]!;
    // Two long phones with neither part in common: not one edit apart, and the strings are not read.
    if (ha !== 0 && hb !== 0 && ha !== hb && r[ra + P0T] !== r[rb + P0T]) return 3;
    return this.oneEditAt(pa, pb) ? 2 : 3;
  }

  private nameLevels(ra: number, rb: number, out: Levels): void {
    const r = this.rows;
    const ga = r[ra + G]!;
    const gb = r[rb + G]!;
    const fa = r[ra + FAM]!;
    const fb = r[rb + FAM]!;
    out[F.given] = this.givenLevel(ra, rb);
    out[F.family] = fa === MISSING || fb === MISSING ? 0 : fa === fb ? 1 : r[ra + FV] === r[rb + FV] ? 2 : familyBand(this.similarity(fa, fb));
    // Names written the wrong way round (see compareNames).
    if (out[F.given]! >= 4 && out[F.family]! >= 3 && ga !== MISSING && gb !== MISSING && fa !== MISSING && fb !== MISSING) {
      const t = this.texts;
      if (t[ga]![0] === t[fb]![0] && t[fa]![0] === t[gb]![0] && this.close(ga, fb) && this.close(fa, gb)) {
        out[F.given] = 2;
        out[F.family] = 2;
      }
    }
  }

  private close(x: number, y: number): boolean {
    return x === y || this.similarity(x, y) >= 0.92;
  }

  private givenLevel(ra: number, rb: number): number {
    const r = this.rows;
    const x = r[ra + G]!;
    const y = r[rb + G]!;
    if (x === MISSING || y === MISSING) return 0;
    if (x === y) return 1;
    if (r[ra + GV] === r[rb + GV]) return 2;
    if (this.sharesGroup(ra, rb) || this.hasGiven(rb, x) || this.hasGiven(ra, y)) return 2;
    const jw = this.similarity(x, y);
    if (jw >= 0.92) return 3;
    const tx = this.texts[x]!;
    const ty = this.texts[y]!;
    const [s, l] = tx.length <= ty.length ? [tx, ty] : [ty, tx];
    if (jw >= 0.85 || (s.length === 1 && l[0] === s) || (s.length >= 3 && l.startsWith(s))) return 4;
    if (tx[0] === ty[0] && typingSlip(s, l)) return 4;
    return 5;
  }

  private sharesGroup(ra: number, rb: number): boolean {
    const na = this.rows[ra + N_GN]!;
    const nb = this.rows[rb + N_GN]!;
    if (na === 0 || nb === 0) return false;
    if (na === 1 && nb === 1) return this.rows[ra + GN0] === this.rows[rb + GN0];
    const pa = this.start(ra, N_GN);
    const pb = this.start(rb, N_GN);
    for (let i = 0; i < na; i++) for (let j = 0; j < nb; j++) if (this.pool[pa + i] === this.pool[pb + j]) return true;
    return false;
  }

  /** True when row `r` lists `given` among all its given names. */
  private hasGiven(r: number, given: number): boolean {
    const n = this.rows[r + N_GA]!;
    if (n === 0) return false;
    const p = this.start(r, N_GA);
    for (let i = 0; i < n; i++) if (this.pool[p + i] === given) return true;
    return false;
  }
}

/** See {@link ComparisonColumns.parts}. */
export interface ColumnsParts {
  rows: Int32Array;
  pool: Int32Array;
  textStart: Int32Array;
  chars: Uint16Array;
  poolLength: number;
  texts: string[];
  count: number;
}

const PLACES = [10000, 1000, 100, 10, 1];

function digitAt(n: number, i: number): number {
  return Math.floor(n / PLACES[i]!) % 10;
}

/**
 * {@link oneEdit} of two five-digit texts given as their numbers (`00170` as 170): one digit changed or two
 * neighbours swapped. Postcodes are compared this way, from the row, rather than through their strings.
 */
export function fiveDigitsOneEdit(a: number, b: number): boolean {
  let diff = 0;
  let first = -1;
  for (let i = 0; i < 5; i++) {
    if (digitAt(a, i) !== digitAt(b, i)) {
      if (++diff > 1) break;
      first = i;
    }
  }
  if (diff <= 1) return true;
  if (digitAt(a, first) !== digitAt(b, first + 1) || digitAt(a, first + 1) !== digitAt(b, first)) return false;
  for (let i = first + 2; i < 5; i++) if (digitAt(a, i) !== digitAt(b, i)) return false;
  return true;
}

function familyBand(jw: number): number {
  if (jw >= 0.92) return 2;
  return jw >= 0.85 ? 3 : 4;
}

function dobLevel(x: number, y: number): number {
  if (x === MISSING || y === MISSING) return 0;
  if (x === y) return 1;
  const yx = Math.floor(x / 10000);
  const yy = Math.floor(y / 10000);
  const mx = Math.floor(x / 100) % 100;
  const my = Math.floor(y / 100) % 100;
  const dx = x % 100;
  const dy = y % 100;
  if (yx === yy && mx === dy && dx === my) return 2;
  const same = (yx === yy ? 1 : 0) + (mx === my ? 1 : 0) + (dx === dy ? 1 : 0);
  return same === 2 ? 3 : 4;
}

/**
 * Hashes of two parts of a phone number, characters 3–6 and the last four, or [0, 0] for a number shorter than
 * twelve characters. Two numbers of twelve or more characters one edit apart (a character changed, dropped or
 * added, or two neighbours swapped) agree on at least one part: a change touches at most two neighbouring
 * places, and at that length no two neighbouring places reach both parts, while a dropped or added character
 * leaves the part before it or the part after it as it was. Characters 3–6 rather than the first ones, because
 * `+358 4…` begins every Finnish mobile number.
 */
export function phoneParts(value: string): [number, number] {
  return [phoneHead(value), phoneTail(value)];
}

/** The first part of {@link phoneParts}, without the array. */
function phoneHead(value: string): number {
  return value.length < PARTS_FROM ? 0 : fnv1a(value, 3, 7);
}

/** The second part of {@link phoneParts}, without the array. */
function phoneTail(value: string): number {
  return value.length < PARTS_FROM ? 0 : fnv1a(value, value.length - 4, value.length);
}

/** {@link fnv1a} of the local part an address is compared by in sameLocalPart: up to `@` or `+`, without dots. */
function localKeyHash(email: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < email.length; i++) {
    const c = email.charCodeAt(i);
    if (c === 64 /* @ */ || c === 43 /* + */) break;
    if (c !== 46 /* . */) h = fnvStep(h, c);
  }
  return h | 0;
}

/** The number five digits write (`00170` as 170), or {@link MISSING} when they are not all digits. */
function digitsOrMissing(text: string): number {
  const n = digits(text, 0, text.length);
  return n === n ? n : MISSING;
}

/** The decimal number written by `text` from `from` to `to`; NaN when a character there is not a digit. */
function digits(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return Number.NaN;
    n = n * 10 + d;
  }
  return n;
}
