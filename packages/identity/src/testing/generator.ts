import type { Identifier, IdentifierKind, PartyRecord } from '@silta/model';
import { CITIES, EMAIL_DOMAINS, FEMALE_NAMES, MALE_NAMES, SHORT_FORMS, STREETS, SURNAMES } from './names-fi';

/** Options of {@link generateParties}. */
export interface GeneratorOptions {
  records: number;
  /** Records per person on average (default 2.5: a million records of about 400 000 people). */
  recordsPerPerson?: number;
  seed?: number;
}

/** The six systems a customer shows up in, with how likely a person is to be in each. */
export const GENERATOR_SYSTEMS = [
  ['crm', 0.7], ['freshdesk', 0.5], ['email', 0.45], ['webshop', 0.4], ['billing', 0.35], ['chat', 0.15],
] as const;

interface Person {
  given: string;
  second: string;
  family: string;
  dob: [number, number, number];
  hetu: string;
  email: string;
  mobile: string;
  fixed: string | undefined;
  street: string;
  number: number;
  postcode: string;
  city: string;
  familyEmail: string | undefined;
}

function rng(seed: number): () => number {
  let t = seed >>> 0;
  // An arrow, not a named function: one is made per generated record.
  return () => {
    t = (t + 0x6d2b79f5) >>> 0;
    let r = Math.imul(t ^ (t >>> 15), 1 | t);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}

/** Zipf-like pick: early entries are much more common, as real name frequencies are. */
function zipf<T>(list: readonly T[], r: number): T {
  return list[Math.min(list.length - 1, Math.floor(list.length * r ** 2.2))]!;
}

const ASCII: Readonly<Record<string, string>> = { ä: 'a', ö: 'o', å: 'a', Ä: 'A', Ö: 'O', Å: 'A' };
const toAscii = (c: string) => ASCII[c]!;
const ascii = (s: string) => s.replace(/[äöåÄÖÅ]/g, toAscii);
const CHECK = '0123456789ABCDEFHJKLMNPRSTUVWXY';

function typo(s: string, r: () => number): string {
  if (s.length < 3) return s;
  const i = 1 + Math.floor(r() * (s.length - 2));
  const k = r();
  if (k < 0.3) return s.slice(0, i) + s.slice(i + 1); // deletion
  if (k < 0.6) return s.slice(0, i) + s[i + 1] + s[i] + s.slice(i + 2); // transposition
  if (k < 0.8) return s.slice(0, i) + 'aeiklnrst'[Math.floor(r() * 9)] + s.slice(i + 1); // substitution
  return s.slice(0, i) + s[i] + s.slice(i); // doubled letter
}

/** Gmail ignores dots: two people cannot hold matti.virtanen@ and mattivirtanen@. */
function mailbox(e: string): string {
  return e.endsWith('@gmail.com') ? e.replace(/\.(?=[^@]*@)/g, '') : e;
}

function mail(given: string, family: string, r: () => number): string {
  const g = ascii(given).toLowerCase();
  const f = ascii(family).toLowerCase();
  const k = r();
  const local = k < 0.5 ? `${g}.${f}` : k < 0.65 ? `${g}${f}` : k < 0.8 ? `${g[0]}${f}` : k < 0.9 ? `${g}.${f}${Math.floor(r() * 99)}` : `${g}${Math.floor(1950 + r() * 60)}`;
  let total = 0;
  for (const [, w] of EMAIL_DOMAINS) total += w;
  let x = r() * total;
  for (const [d, w] of EMAIL_DOMAINS) if ((x -= w) < 0) return `${local}@${d}`;
  return `${local}@gmail.com`;
}

/**
 * A seeded generator of party records of Finnish people spread over six systems with realistic noise:
 * typos, nicknames and short forms, shortened first names, ASCII-folded ä/ö, day/month swaps, missing
 * fields, Gmail dot and +tag variants, phone formats, moves, married names; households sharing a fixed
 * phone, an address and sometimes a family mailbox. `truth[i]` is the person of the i-th record yielded.
 *
 * @example
 * const { records, truth } = generateParties({ records: 10_000, seed: 1 });
 * for (const record of records) await resolver.add(record);
 */
export function generateParties(options: GeneratorOptions): { records: Iterable<PartyRecord>; truth: Int32Array; persons: number } {
  const r = rng(options.seed ?? 1);
  const nPersons = Math.max(1, Math.round(options.records / (options.recordsPerPerson ?? 2.5)));
  const persons: Person[] = [];
  const usedEmails = new Set<string>();
  const usedMobiles = new Set<string>();
  let household: Person | undefined;
  let householdLeft = 0;
  for (let i = 0; i < nPersons; i++) {
    const female = r() < 0.5;
    const given = zipf(female ? FEMALE_NAMES : MALE_NAMES, r());
    const second = zipf(female ? FEMALE_NAMES : MALE_NAMES, r());
    const y = 1935 + Math.floor(r() * 72);
    const m = 1 + Math.floor(r() * 12);
    const d = 1 + Math.floor(r() * 28);
    const inHouse = householdLeft > 0 && household !== undefined;
    const family = inHouse && r() < 0.85 ? household!.family : zipf(SURNAMES, r());
    let email = mail(given, family, r);
    while (usedEmails.has(mailbox(email))) email = email.replace('@', `${Math.floor(r() * 10)}@`);
    usedEmails.add(mailbox(email));
    let mobile: string;
    do mobile = `04${Math.floor(r() * 10)}${String(Math.floor(r() * 1e7)).padStart(7, '0')}`; while (usedMobiles.has(mobile));
    usedMobiles.add(mobile);
    const place = CITIES[Math.floor(r() * CITIES.length)]!;
    const pc = String(place.postcodes[0] + Math.floor(r() * ((place.postcodes[1] - place.postcodes[0]) / 10 + 1)) * 10).padStart(5, '0');
    const serial = 2 + Math.floor(r() * 448) * 2 + (female ? 0 : 1);
    const ddmmyy = `${String(d).padStart(2, '0')}${String(m).padStart(2, '0')}${String(y % 100).padStart(2, '0')}`;
    const sign = y >= 2000 ? (r() < 0.8 ? 'A' : 'B') : r() < 0.85 ? '-' : 'Y';
    const sss = String(serial).padStart(3, '0');
    const p: Person = {
      given, second, family, dob: [y, m, d],
      hetu: `${ddmmyy}${sign}${sss}${CHECK[Number(`${ddmmyy}${sss}`) % 31]}`,
      email, mobile,
      fixed: inHouse ? household!.fixed : r() < 0.25 ? `0${[9, 2, 3, 5, 8][Math.floor(r() * 5)]}${String(Math.floor(r() * 1e6 + 1e6)).slice(1)}` : undefined,
      street: inHouse ? household!.street : STREETS[Math.floor(r() * STREETS.length)]!,
      number: inHouse ? household!.number : 1 + Math.floor(r() * 120),
      postcode: inHouse ? household!.postcode : pc,
      city: inHouse ? household!.city : place.city,
      familyEmail: inHouse ? household!.familyEmail : undefined,
    };
    if (inHouse) householdLeft--;
    else if (r() < 0.35) {
      household = p;
      householdLeft = 1 + Math.floor(r() * 3);
      if (r() < 0.1) p.familyEmail = `${ascii(family).toLowerCase()}${['set', 'n.perhe', '.koti'][Math.floor(r() * 3)]}@${['gmail.com', 'elisanet.fi', 'luukku.com'][Math.floor(r() * 3)]}`;
    }
    persons.push(p);
  }

  // Which person appears in which system; then shuffled so systems arrive interleaved as they would.
  const planPerson: number[] = [];
  const planSystem: number[] = [];
  for (let i = 0; i < nPersons; i++) {
    let any = false;
    for (let s = 0; s < GENERATOR_SYSTEMS.length; s++) {
      if (r() < GENERATOR_SYSTEMS[s]![1]) {
        planPerson.push(i);
        planSystem.push(s);
        any = true;
      }
    }
    if (!any) {
      planPerson.push(i);
      planSystem.push(0);
    }
  }
  while (planPerson.length < options.records) {
    planPerson.push(Math.floor(r() * nPersons));
    planSystem.push(Math.floor(r() * GENERATOR_SYSTEMS.length));
  }
  const n = options.records;
  const order = new Int32Array(planPerson.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    const t = order[i]!;
    order[i] = order[j]!;
    order[j] = t;
  }
  const truth = new Int32Array(n);
  for (let i = 0; i < n; i++) truth[i] = planPerson[order[i]!]!;
  const seed = options.seed ?? 1;

  function* records(): Generator<PartyRecord> {
    for (let i = 0; i < n; i++) {
      const plan = order[i]!;
      yield makeRecord(persons[planPerson[plan]!]!, GENERATOR_SYSTEMS[planSystem[plan]!]![0], i, rng(seed * 7919 + i));
    }
  }
  return { records: { [Symbol.iterator]: records }, truth, persons: nPersons };
}

function phoneFormat(num: string, r: () => number): string {
  const k = r();
  const rest = num.slice(1);
  if (k < 0.35) return num;
  if (k < 0.6) return `+358 ${rest.slice(0, 2)} ${rest.slice(2, 5)} ${rest.slice(5)}`;
  if (k < 0.8) return `${num.slice(0, 3)}-${num.slice(3)}`;
  if (k < 0.9) return `+358${rest}`;
  return `${num.slice(0, 3)} ${num.slice(3, 6)} ${num.slice(6)}`;
}

function emailVariant(email: string, r: () => number): string {
  let e = email;
  if (e.endsWith('@gmail.com') && r() < 0.3) {
    const [local, domain] = e.split('@') as [string, string];
    e = r() < 0.5 ? `${local.replace(/\./g, '')}@${domain}` : `${local}+${['shop', 'tilaus', 'news'][Math.floor(r() * 3)]}@${domain}`;
  }
  if (r() < 0.1) e = e.charAt(0).toUpperCase() + e.slice(1);
  return e;
}

function makeRecord(p: Person, system: string, i: number, r: () => number): PartyRecord {
  // Runs a million times in the benchmark's input: no closures per record, the random draws in a fixed order.
  const ref = { system, connection: 'gen', type: 'contact', id: `r${i}` };
  const ids: Identifier[] = [];
  const foldAscii = system === 'billing' || (system === 'chat' && r() < 0.5) || r() < 0.05;
  let given = p.given;
  const nick = SHORT_FORMS[given];
  if (nick !== undefined && (system === 'chat' || system === 'email' || system === 'freshdesk') && r() < 0.35) given = nick[Math.floor(r() * nick.length)]!;
  else if (r() < 0.03 && given.length > 5) given = given.slice(0, 4); // shortened
  else if (system === 'crm' && r() < 0.05) given = `${given} ${p.second}`;
  let family = p.family;
  if (r() < 0.02) family = SURNAMES[Math.floor(r() * SURNAMES.length)]!; // married name in one system
  if (r() < 0.05) given = typo(given, r);
  if (r() < 0.05) family = typo(family, r);
  if (foldAscii) {
    given = ascii(given);
    family = ascii(family);
  }
  if (r() < 0.05) {
    given = given.toUpperCase();
    family = family.toUpperCase();
  }
  const name: PartyRecord['name'] = {};
  const moved = r() < 0.08;
  let addresses: PartyRecord['addresses'] = [];
  let birthDate: string | undefined;
  switch (system) {
    case 'crm':
      name.given = given;
      name.family = family;
      if (r() < 0.8) addId(ids, ref, 'email', mailOf(p, r));
      if (r() < 0.8) addId(ids, ref, 'phone', phoneOf(p, r));
      if (r() < 0.5) birthDate = dobOf(p, r);
      if (r() < 0.6) addresses = addressOf(p, moved, foldAscii, r);
      break;
    case 'freshdesk':
      if (r() < 0.9) name.full = r() < 0.8 ? `${given} ${family}` : `${family}, ${given}`;
      addId(ids, ref, 'email', r() < 0.03 ? `info@${['yritys.fi', 'firma.fi'][Math.floor(r() * 2)]}` : mailOf(p, r));
      if (r() < 0.4) addId(ids, ref, 'phone', phoneOf(p, r));
      break;
    case 'email':
      if (r() < 0.7) name.full = `${given} ${family}`;
      addId(ids, ref, 'email', mailOf(p, r));
      break;
    case 'chat':
      if (r() < 0.6) name.given = given;
      else name.full = `${given} ${family}`;
      if (r() < 0.4) addId(ids, ref, 'email', mailOf(p, r));
      if (r() < 0.2) addId(ids, ref, 'phone', phoneOf(p, r));
      if (r() < 0.3) addresses = [{ postcode: p.postcode }];
      break;
    case 'webshop':
      name.given = given;
      name.family = family;
      addId(ids, ref, 'email', mailOf(p, r));
      if (r() < 0.7) addId(ids, ref, 'phone', phoneOf(p, r));
      if (r() < 0.9) addresses = addressOf(p, moved, foldAscii, r);
      if (r() < 0.2) birthDate = dobOf(p, r);
      break;
    default: // billing
      name.given = given;
      name.family = family;
      addresses = addressOf(p, moved, foldAscii, r);
      if (r() < 0.4) addId(ids, ref, 'national_id', p.hetu);
      else if (r() < 0.5) birthDate = dobOf(p, r);
      if (r() < 0.3) addId(ids, ref, 'phone', phoneOf(p, r));
      if (r() < 0.5) addId(ids, ref, 'email', mailOf(p, r));
  }
  return {
    entity: 'party', ref, name, identifiers: ids, addresses,
    ...(birthDate !== undefined ? { birthDate } : {}),
    consents: [], updatedAt: '2026-11-01T10:00:00Z',
  };
}

function addId(ids: Identifier[], ref: Identifier['source'], kind: IdentifierKind, raw: string): void {
  ids.push({ kind, value: raw, raw, source: ref });
}

function addressOf(p: Person, moved: boolean, foldAscii: boolean, r: () => number): PartyRecord['addresses'] {
  if (moved) {
    const c = CITIES[Math.floor(r() * CITIES.length)]!;
    return [{ street: `${STREETS[Math.floor(r() * STREETS.length)]} ${1 + Math.floor(r() * 99)}`, postcode: String(c.postcodes[0]).padStart(5, '0'), city: c.city }];
  }
  const street = r() < 0.04 ? typo(p.street, r) : p.street;
  return [{ street: `${foldAscii ? ascii(street) : street} ${p.number}${r() < 0.2 ? ` ${'ABC'[Math.floor(r() * 3)]} ${1 + Math.floor(r() * 20)}` : ''}`, postcode: p.postcode, city: foldAscii ? ascii(p.city) : p.city }];
}

function dobOf(p: Person, r: () => number): string {
  const [y, m, d] = p.dob;
  const swap = r() < 0.03 && d <= 12;
  const mm = swap ? d : m;
  const dd = swap ? m : d;
  return `${y}-${String(mm).padStart(2, '0')}-${String(dd).padStart(2, '0')}`;
}

function mailOf(p: Person, r: () => number): string {
  return p.familyEmail !== undefined && r() < 0.3 ? p.familyEmail : emailVariant(p.email, r);
}

function phoneOf(p: Person, r: () => number): string {
  return p.fixed !== undefined && r() < 0.4 ? phoneFormat(p.fixed, r) : phoneFormat(p.mobile, r);
}
