import { formatSourceRef, type PartyRecord } from '@silta/model';
import type { CountryCode } from 'libphonenumber-js';
import { base36 } from './base36';
import { blockedReason } from './blocked';
import { fnv1a } from './fnv';
import { IdentityError, type Normalised } from './errors';
import { normaliseAddress } from './normalise/address';
import { normaliseDate } from './normalise/date';
import { normaliseEmail, type EmailOptions } from './normalise/email';
import { normaliseHetu } from './normalise/hetu';
import { normaliseName } from './normalise/name';
import { buildNicknameIndex } from './normalise/nicknames';
import { normalisePhone } from './normalise/phone';
import { normaliseYTunnus } from './normalise/ytunnus';
import type { IdentitySettings } from './settings';
import type { StoredIdentifier, StoredRecord } from './store/types';

/** The comparison features of one record (short keys: a million of them are held in memory). */
export type Features = {
  /** First given name: folded, raw (with ä/ö/å), variant key; nickname groups. */
  g?: string;
  gr?: string;
  gv?: string;
  gn?: number[];
  /** All given names, folded. */
  ga?: string[];
  f?: string;
  fr?: string;
  fv?: string;
  dob?: string;
  pc?: string;
  st?: string;
  no?: string;
  city?: string;
  /** Email local parts that are not just the record's own names (`mv1984`, not `matti.virtanen`). */
  el?: string[];
  /** How this record joined its person (written by the resolver). */
  why?: JoinEvidence;
};

/** Why a record is in its person: the first link made when it was added. */
export type JoinEvidence =
  | { via: 'new' }
  | { via: 'identifier'; kind: string; other: string }
  | { via: 'rule'; rule: string; other: string }
  | { via: 'probabilistic'; other: string; probability: number; weight: number };

/** A value that was not accepted, with the reason. */
export interface Rejected {
  field: string;
  reason: string;
}

/** A record normalised and ready to resolve. */
export type PreparedRecord = Omit<StoredRecord, 'personId' | 'features'> & { features: Features; rejected: Rejected[] };

/** What preparation needs besides the record. */
export interface PrepareContext {
  settings: IdentitySettings;
  hashKey: string | undefined;
  nicknames: Map<string, number[]>;
  now: Date;
  /** Shares one string instance per distinct name, postcode and street across a million records. */
  intern: (text: string) => string;
  /** {@link normaliseDate} against `now`, remembered per distinct text (birth dates repeat). */
  birthDate: (text: string) => Normalised<string>;
  /** The email options of the settings, made once. */
  emailOptions: EmailOptions;
}

/**
 * Builds a {@link PrepareContext} from settings.
 *
 * @example
 * const ctx = createPrepareContext(DEFAULT_SETTINGS, 'hash-key');
 */
export function createPrepareContext(settings: IdentitySettings, hashKey: string | undefined, now = new Date()): PrepareContext {
  const pool = new Map<string, string>();
  const dates = new Map<string, Normalised<string>>();
  return {
    settings, hashKey, nicknames: buildNicknameIndex(settings.nicknames), now,
    emailOptions: { providerRules: settings.emailProviderRules },
    birthDate: function birthDate(text) {
      const known = dates.get(text);
      if (known !== undefined) return known;
      const r = normaliseDate(text, now);
      if (dates.size >= 200_000) dates.clear();
      dates.set(text, r);
      return r;
    },
    intern: function intern(text) {
      const known = pool.get(text);
      if (known !== undefined) return known;
      if (pool.size < 2_000_000) pool.set(text, text);
      return text;
    },
  };
}

/**
 * Normalises a {@link PartyRecord}: identifiers (invalid and blocked ones listed in `rejected` with a reason),
 * comparison features and blocking keys.
 *
 * @example
 * const prepared = prepareRecord(party, ctx);
 * prepared.rejected; // [{ field: 'identifiers[1] (email)', reason: 'is a shared inbox (info@…)' }]
 */
export function prepareRecord(party: PartyRecord, ctx: PrepareContext): PreparedRecord {
  const intern = ctx.intern;
  const rejected: Rejected[] = [];
  // Gathered in scratch lists and copied out at their exact length: an array grown by push keeps room for
  // sixteen, and a million records keep three such arrays each.
  const identifiers = identifierScratch;
  identifiers.length = 0;
  const features: Features = {};
  const locals: string[] = [];
  let hetuBirthDate: string | undefined;
  // A loop without closures: it runs for every identifier of a million records.
  for (let i = 0; i < party.identifiers.length; i++) {
    const id = party.identifiers[i]!;
    let value = '';
    let label = id.label;
    let local: string | undefined; // an email's local part
    let reason: string | undefined; // why the value is not accepted
    const input = id.raw !== '' ? id.raw : id.value;
    switch (id.kind) {
      case 'email': {
        const r = normaliseEmail(input, ctx.emailOptions);
        if (r.ok) ({ value, local } = r.value);
        else reason = r.reason;
        break;
      }
      case 'phone': {
        const r = normalisePhone(input, ctx.settings.defaultRegion as CountryCode);
        if (r.ok) ({ value, type: label } = r.value);
        else reason = r.reason;
        break;
      }
      case 'national_id': {
        if (ctx.hashKey === undefined) {
          throw new IdentityError('identity/missing-hash-key', 'a national id needs options.hashKey to be stored hashed', {
            field: identifierField(i, id.kind),
          });
        }
        const r = normaliseHetu(input, ctx.hashKey);
        if (r.ok) ({ value, birthDate: hetuBirthDate } = r.value);
        else reason = r.reason;
        break;
      }
      case 'business_id': {
        const r = normaliseYTunnus(input);
        if (r.ok) value = r.value;
        else reason = r.reason;
        break;
      }
      default: {
        const v = input.normalize('NFC').trim();
        value = id.kind === 'social' ? v.toLowerCase() : v;
      }
    }
    reason ??= blockedReason(ctx.settings.blocked, id.kind, value);
    if (reason !== undefined) {
      rejected.push({ field: identifierField(i, id.kind), reason });
      continue;
    }
    if (local !== undefined) locals.push(local);
    if (holdsIdentifier(identifiers, id.kind, value)) continue;
    identifiers.push(label === undefined ? { kind: id.kind, value } : { kind: id.kind, value, label });
  }

  const name = normaliseName(party.name);
  if (name.ok) {
    const { given, family, givenAll } = name.value;
    if (given !== undefined) {
      features.g = given.folded;
      if (given.raw !== given.folded) features.gr = given.raw;
      features.gv = given.variant;
      const groups = ctx.nicknames.get(given.folded);
      if (groups !== undefined) features.gn = groups;
      if (givenAll.length > 1) features.ga = givenAll;
    }
    if (family !== undefined) {
      features.f = family.folded.includes(' ') ? intern(family.folded.replace(/ /g, '')) : family.folded;
      if (family.raw !== family.folded) features.fr = family.raw;
      features.fv = family.variant;
    }
  } else if (party.name.given !== undefined || party.name.family !== undefined || party.name.full !== undefined) {
    rejected.push({ field: 'name', reason: name.reason });
  }

  if (party.birthDate !== undefined) {
    const r = ctx.birthDate(party.birthDate);
    if (r.ok) features.dob = r.value;
    else rejected.push({ field: 'birthDate', reason: r.reason });
  }
  if (features.dob === undefined && hetuBirthDate !== undefined) features.dob = hetuBirthDate;

  const address = party.addresses[0];
  if (address !== undefined) {
    const r = normaliseAddress(address);
    if (r.ok) {
      if (r.value.postcode !== undefined) features.pc = intern(r.value.postcode);
      if (r.value.street !== undefined) features.st = intern(r.value.street);
      if (r.value.number !== undefined) features.no = intern(r.value.number);
      if (r.value.city !== undefined) features.city = intern(r.value.city);
    } else if (r.reason !== 'is empty') rejected.push({ field: 'addresses[0]', reason: r.reason });
  }
  let personal: string[] | undefined;
  for (const local of locals) if (!nameDerived(local, features)) (personal ??= []).push(local);
  if (personal !== undefined && personal.length > 0) personal = personal.slice();
  if (personal !== undefined) features.el = personal;

  return {
    key: formatSourceRef(party.ref),
    ref: party.ref,
    identifiers: identifiers.slice(),
    blockingKeys: blockingKeys(features, ctx.settings.nicknames),
    features,
    updatedAt: party.updatedAt,
    rejected,
  };
}

/**
 * Makes a record prepared on another thread share this context's strings (names, places, kinds, labels, source
 * names and timestamps) and nickname groups, as a record prepared here does: a structured clone gives every
 * record its own copies, which a million records would otherwise hold. Changes `p` in place and returns it.
 *
 * @example
 * const shared = shareStrings(answerFromWorker, ctx);
 */
export function shareStrings(p: PreparedRecord, ctx: PrepareContext): PreparedRecord {
  const intern = ctx.intern;
  const f = p.features;
  if (f.g !== undefined) {
    f.g = intern(f.g);
    const groups = ctx.nicknames.get(f.g);
    if (groups !== undefined) f.gn = groups;
  }
  if (f.gr !== undefined) f.gr = intern(f.gr);
  if (f.gv !== undefined) f.gv = intern(f.gv);
  if (f.ga !== undefined) for (let i = 0; i < f.ga.length; i++) f.ga[i] = intern(f.ga[i]!);
  if (f.f !== undefined) f.f = intern(f.f);
  if (f.fr !== undefined) f.fr = intern(f.fr);
  if (f.fv !== undefined) f.fv = intern(f.fv);
  if (f.pc !== undefined) f.pc = intern(f.pc);
  if (f.st !== undefined) f.st = intern(f.st);
  if (f.no !== undefined) f.no = intern(f.no);
  if (f.city !== undefined) f.city = intern(f.city);
  if (f.dob !== undefined) f.dob = intern(f.dob);
  for (const id of p.identifiers as Array<{ kind: string; label?: string }>) {
    id.kind = intern(id.kind);
    if (id.label !== undefined) id.label = intern(id.label);
  }
  const ref = p.ref as { system: string; connection: string; type: string };
  ref.system = intern(ref.system);
  ref.connection = intern(ref.connection);
  ref.type = intern(ref.type);
  (p as { updatedAt: string }).updatedAt = intern(p.updatedAt);
  return p;
}

/** Names an identifier in a rejection: built only when something is rejected. */
function identifierField(i: number, kind: string): string {
  return `identifiers[${i}] (${kind})`;
}

/** True when the list has an identifier of this kind and value (a record has a handful of identifiers). */
export function holdsIdentifier(identifiers: readonly StoredIdentifier[], kind: string, value: string): boolean {
  for (const x of identifiers) if (x.value === value && x.kind === kind) return true;
  return false;
}

/** A local part spelled from the person's own names (every Matti Virtanen has one) is no evidence of its own. */
function nameDerived(local: string, f: Features): boolean {
  const bare = local.replace(/[\d._+-]/g, '');
  if (f.f !== undefined && f.f.length >= 3 && bare.includes(f.f)) return true;
  if (f.g !== undefined && f.g.length >= 3 && bare.startsWith(f.g)) return true;
  return false;
}

/** The given name's canonical form: its nickname group's first name, else its variant key. */
function canonicalGiven(f: Features, groups: readonly (readonly string[])[]): string | undefined {
  if (f.gn !== undefined && f.gn.length > 0) return groups[f.gn[0]!]![0];
  return f.gv;
}

/**
 * Keys that put plausible matches in the same bucket, each robust to a different kind of noise, so a
 * typo in one field still leaves another key in common. Stored as a 32-bit hash in base 36: a million
 * records hold six million of them, and a collision only adds a candidate that the model then scores.
 */
function blockingKeys(f: Features, groups: readonly (readonly string[])[]): string[] {
  const keys = keyScratch; // a handful per record: a list is cheaper than a set
  keys.length = 0;
  const gc = canonicalGiven(f, groups);
  if (f.dob !== undefined) {
    const y = f.dob.slice(0, 4);
    const m = f.dob.slice(5, 7);
    const d = f.dob.slice(8, 10);
    const dm = m < d ? `${m}${d}` : `${d}${m}`; // day/month order-free: a transposed date still collides
    // Two initials: a typo in the first letter of one name still leaves the other. Not marked as given or
    // family, so names written the wrong way round still collide.
    if (f.fv !== undefined) add(keys, hashKey(`d:${y}${dm}:${f.fv[0]}`));
    if (gc !== undefined) add(keys, hashKey(`d:${y}${dm}:${gc[0]}`));
    if (f.fv !== undefined) add(keys, hashKey(`y:${y}:${f.fv}`));
    // No name at all: a new married name, a nickname and a typo together still leave birth date and postcode.
    if (f.pc !== undefined) add(keys, hashKey(`dp:${y}${dm}:${f.pc}`));
  }
  if (f.pc !== undefined) {
    if (f.fv !== undefined) add(keys, hashKey(`fp:${f.fv}:${f.pc}`));
    if (gc !== undefined) add(keys, hashKey(`gp:${gc}:${f.pc}`));
  }
  if (f.fv !== undefined && gc !== undefined) {
    // In either order: `Virtanen Matti` is Matti Virtanen written family name first.
    add(keys, hashKey(f.fv < gc ? `fg:${f.fv}:${gc}` : `fg:${gc}:${f.fv}`));
  }
  if (f.st !== undefined && f.no !== undefined) add(keys, hashKey(`a:${f.st}:${f.no}`));
  for (const local of f.el ?? []) if (local.length >= 4) add(keys, hashKey(`e:${local}`));
  return keys.slice();
}

const identifierScratch: StoredIdentifier[] = [];
const keyScratch: string[] = [];

function add(keys: string[], key: string): void {
  if (!keys.includes(key)) keys.push(key);
}

/** FNV-1a, 32 bits, in base 36. */
function hashKey(text: string): string {
  return base36(fnv1a(text) >>> 0);
}
