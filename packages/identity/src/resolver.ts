import type { PartyRecord, SourceRef } from '@silta/model';
import { IdentityError } from './errors';
import { mergeBlocker, namesAgree, personsConflict, sharedAndUnattributable, subjectsOf, type LinkMode } from './guards';
import { compareLinkable, FIELDS } from './match/compare';
import { defaultModel, probabilityOf, weightOfLevels, type MatchModel } from './match/model';
import { hashValue } from './normalise/hetu';
import { createPrepareContext, prepareRecord, shareStrings, type Features, type JoinEvidence, type PreparedRecord, type Rejected } from './prepare';
import { resolveSettings, type IdentitySettings, type SettingsInput } from './settings';
import { createMemoryIdentityStore } from './store/memory';
import { syncOf } from './store/sync';
import type { IdentityEvent, IdentityStore, LinkRule, ReviewCandidate, StoredRecord } from './store/types';

/** Options of {@link createResolver}. */
export interface ResolverOptions {
  /** Where the graph lives; a fresh in-memory store when left out. */
  store?: IdentityStore;
  /** Key for the HMAC of national ids and tombstones. Required to accept national ids and to erase. */
  hashKey?: string;
  settings?: SettingsInput;
  /** A fitted model; otherwise the one saved in the store, otherwise the defaults. */
  model?: MatchModel;
  /** Clock, for tests. */
  now?: () => Date;
}

/** What happened to one added record. */
export interface AddResult {
  recordKey: string;
  /** `suppressed`: the record or one of its identifiers was erased before; it was not stored. */
  status: 'created' | 'linked' | 'merged' | 'unchanged' | 'suppressed';
  personId: string | undefined;
  /** Persons merged into `personId` by this add. */
  mergedIds: string[];
  /** Values not accepted, with reasons. */
  rejected: Rejected[];
  /** Pairs scored between the review and link thresholds. */
  reviews: ReviewCandidate[];
}

/** Internal record shape while placing: stored fields without a person yet. */
type Placing = Omit<StoredRecord, 'personId' | 'features'> & { features: Features };

const MODEL_META = 'identity.model';
const RULES_META = 'identity.rules';
const levels = new Uint8Array(16);
const TOMBSTONE_META = 'identity.tombstones';

/**
 * The resolver core: places records into persons through identifiers, rules and the probabilistic model,
 * keeping person ids stable (the older id survives a merge) and emitting events for every change.
 */
export function createResolverCore(options: ResolverOptions = {}) {
  const store = options.store ?? createMemoryIdentityStore();
  const settings: IdentitySettings = resolveSettings(options.settings);
  const ctx = createPrepareContext(settings, options.hashKey);
  const now = options.now ?? (() => new Date());
  // One timestamp string per millisecond, shared by every event and person created in it.
  let lastIsoMs = -1;
  let lastIso = '';
  function isoNow(): string {
    const d = now();
    const ms = d.getTime();
    if (ms !== lastIsoMs) {
      lastIsoMs = ms;
      lastIso = d.toISOString();
    }
    return lastIso;
  }
  let model: MatchModel | undefined = options.model;
  let tombstonesKnown: boolean | undefined;
  let lastMs = 0;
  let counter = 0;

  function newPersonId(): string {
    const ms = Math.max(now().getTime(), lastMs);
    if (ms !== lastMs) counter = 0;
    lastMs = ms;
    const seq = counter++;
    // Fixed-width time then counter: lexicographic order is creation order, so the older id is the smaller.
    return `p-${ms.toString(36).padStart(9, '0')}${seq.toString(36).padStart(5, '0')}${Math.floor(Math.random() * 1296).toString(36).padStart(2, '0')}`;
  }

  async function getModel(): Promise<MatchModel> {
    if (model === undefined) {
      const saved = await store.getMeta(MODEL_META);
      const parsed = saved === undefined ? undefined : (JSON.parse(saved) as MatchModel);
      // A model saved before the comparison levels changed has rows of other lengths: start from the default
      // until the next batch fits a new one, rather than weigh levels it has no numbers for.
      model = parsed !== undefined && fitsLevels(parsed) ? parsed : defaultModel();
    }
    return model;
  }

  /** Uses a model without saving it (the batch scales its prior as it grows, then saves once). */
  function useModel(next: MatchModel): void {
    model = next;
  }

  async function setModel(next: MatchModel): Promise<void> {
    model = next;
    await store.putMeta(MODEL_META, JSON.stringify(next));
  }

  function hash(text: string): string {
    if (options.hashKey === undefined) {
      throw new IdentityError('identity/missing-hash-key', 'tombstones need options.hashKey', { field: 'hashKey' });
    }
    return hashValue(options.hashKey, text);
  }

  function tombstoneHashes(rec: { key: string; identifiers: StoredRecord['identifiers'] }): string[] {
    return [
      hash(`record:${rec.key}`),
      ...rec.identifiers.filter((id) => settings.kinds[id.kind].link !== 'none').map((id) => hash(`identifier:${id.kind}:${id.value}`)),
    ];
  }

  let rulesKnown: boolean | undefined;
  async function rulesExist(tx: IdentityStore): Promise<boolean> {
    if (rulesKnown !== true) {
      const s = syncOf(tx);
      rulesKnown = (s ? s.getMeta(RULES_META) : await tx.getMeta(RULES_META)) === '1';
    }
    return rulesKnown;
  }

  async function isSuppressed(tx: IdentityStore, rec: Placing): Promise<boolean> {
    if (tombstonesKnown !== true) {
      const s = syncOf(tx);
      tombstonesKnown = (s ? s.getMeta(TOMBSTONE_META) : await tx.getMeta(TOMBSTONE_META)) === '1';
    }
    if (!tombstonesKnown || options.hashKey === undefined) return false;
    return (await tx.findTombstones(tombstoneHashes(rec))).length > 0;
  }

  function sameContent(a: StoredRecord, b: Placing): boolean {
    const { why: _w, ...fa } = a.features as Features;
    const { why: _v, ...fb } = b.features;
    return JSON.stringify(a.identifiers) === JSON.stringify(b.identifiers) && JSON.stringify(fa) === JSON.stringify(fb);
  }

  /** Places one record; the caller holds the transaction. */
  async function place(tx: IdentityStore, rec: Placing, preferId?: string): Promise<Omit<AddResult, 'rejected'>> {
    const s = syncOf(tx);
    const at = isoNow();
    const events: IdentityEvent[] = [];
    let personId: string | undefined;
    let members: StoredRecord[] = [];
    let why: JoinEvidence = { via: 'new' };
    const mergedIds: string[] = [];
    const self: StoredRecord = { ...rec, personId: '' };

    const weakLink = (mode: LinkMode) => mode.type === 'probabilistic' || (mode.type === 'identifier' && settings.kinds[mode.kind].link === 'guarded');

    async function tryJoin(otherPerson: string, mode: LinkMode, evidence: JoinEvidence): Promise<boolean> {
      if (otherPerson === personId) return true;
      const theirs = s ? s.recordsOfPerson(otherPerson) : await tx.recordsOfPerson(otherPerson);
      if (theirs.length === 0) return false;
      const mine = personId === undefined ? [self] : [...members, self];
      const rules = haveRules ? await tx.rulesFor([...mine.flatMap(subjectsOf), ...theirs.flatMap(subjectsOf)]) : [];
      if (mergeBlocker(settings, mine, theirs, rules, mode) !== undefined) return false;
      // Merging two persons on weak evidence (a guarded value, a score) needs their own records to agree.
      if (personId !== undefined && weakLink(mode) && personsConflict(members, theirs, self)) return false;
      if (personId === undefined) {
        personId = otherPerson;
        members = theirs;
        why = evidence;
        return true;
      }
      const [survivor, loser] = personId < otherPerson ? [personId, otherPerson] : [otherPerson, personId];
      const moving = survivor === personId ? theirs : members;
      await tx.assignPerson(moving.map((r) => r.key), survivor);
      if (s) s.deletePerson(loser);
      else await tx.deletePerson(loser);
      members = [...members, ...theirs].map((r) => ({ ...r, personId: survivor }));
      mergedIds.push(loser);
      events.push({ type: 'person.merged', survivorId: survivor, mergedIds: [loser], reason: describe(evidence), at });
      personId = survivor;
      return true;
    }

    // 1. Rules kept as data (looked up only once any exist: most graphs have none, and this is the hot path).
    const haveRules = rulesKnown === true || (await rulesExist(tx));
    const subjects = haveRules ? subjectsOf(rec) : [];
    const rules = haveRules ? await tx.rulesFor(subjects) : [];
    for (const rule of rules) {
      if (rule.kind !== 'force-link') continue;
      const other = subjects.includes(rule.a) ? rule.b : rule.a;
      for (const target of await recordsForSubject(tx, other)) {
        if (target.key !== rec.key) await tryJoin(target.personId, { type: 'rule' }, { via: 'rule', rule: rule.id, other: target.key });
      }
    }

    // 2. Deterministic identifiers, strongest first.
    const extraCandidates: StoredRecord[] = [];
    const ordered = rec.identifiers.length < 2 ? rec.identifiers : [...rec.identifiers]
      .sort((x, y) => settings.kinds[x.kind].priority - settings.kinds[y.kind].priority);
    for (const id of ordered) {
      const policy = settings.kinds[id.kind];
      if (policy.link === 'none') continue;
      const holders = s ? s.recordsByIdentifier(id.kind, id.value) : await tx.recordsByIdentifier(id.kind, id.value);
      const tried = new Set<string>();
      const shared = policy.link === 'guarded' && rec.features.g === undefined
        && sharedAndUnattributable(rec, new Set(holders.filter((h) => h.key !== rec.key).map((h) => h.personId)).size);
      for (const other of holders) {
        if (other.key === rec.key || other.personId === personId || tried.has(other.personId)) continue;
        if (policy.link === 'guarded' && (shared || !namesAgree(rec, other))) {
          // Not enough on its own; the probabilistic model weighs it with everything else.
          extraCandidates.push(other);
          continue;
        }
        tried.add(other.personId);
        await tryJoin(other.personId, { type: 'identifier', kind: id.kind }, { via: 'identifier', kind: id.kind, other: other.key });
      }
    }

    // 3. Probabilistic matching over the blocked candidates.
    const fs = await getModel();
    const seen = new Set<string>([rec.key]);
    const best = new Map<string, { other: StoredRecord; weight: number }>();
    const consider = (other: StoredRecord) => {
      if (seen.has(other.key)) return;
      seen.add(other.key);
      if (!compareLinkable(rec, other as Placing, levels)) return;
      const weight = weightOfLevels(fs, rec, levels);
      const current = best.get(other.personId);
      if (current === undefined || weight > current.weight) best.set(other.personId, { other, weight });
    };
    if (settings.probabilistic) for (const other of extraCandidates) consider(other);
    for (const blockingKey of settings.probabilistic ? rec.blockingKeys : []) {
      const members = s ? s.recordsByBlockingKey(blockingKey, settings.blockLimit) : await tx.recordsByBlockingKey(blockingKey, settings.blockLimit);
      for (const other of members) consider(other);
    }
    const reviews: ReviewCandidate[] = [];
    for (const [otherPerson, { other, weight }] of [...best].sort((x, y) => y[1].weight - x[1].weight)) {
      if (otherPerson === personId) continue;
      const hit = { other, weight, probability: probabilityOf(weight) };
      if (hit.probability >= settings.linkThreshold) {
        const joined = await tryJoin(otherPerson, { type: 'probabilistic' }, {
          via: 'probabilistic', other: hit.other.key, probability: round(hit.probability), weight: round(hit.weight),
        });
        if (joined) continue;
      }
      if (hit.probability >= settings.reviewThreshold) {
        reviews.push({ a: rec.key, b: hit.other.key, probability: round(hit.probability), weight: round(hit.weight), createdAt: at });
      }
    }

    let status: AddResult['status'] = mergedIds.length > 0 ? 'merged' : 'linked';
    if (personId === undefined) {
      const taken = preferId === undefined || (s ? s.getPerson(preferId) : await tx.getPerson(preferId)) !== undefined;
      personId = taken ? newPersonId() : preferId;
      if (s) s.putPerson({ id: personId, createdAt: at });
      else await tx.putPerson({ id: personId, createdAt: at });
      events.push({ type: 'person.created', personId, recordKey: rec.key, at });
      status = 'created';
    }
    // The features object is ours (built by prepareRecord or taken apart by recluster): set, do not copy.
    rec.features.why = why;
    const stored: StoredRecord = { ...rec, personId };
    if (s) s.putRecords([stored]);
    else await tx.putRecords([stored]);
    // A new person's creation event already names its first record.
    if (status !== 'created') events.push({ type: 'record.assigned', recordKey: rec.key, personId, at });
    if (reviews.length > 0) {
      if (s) s.putReviewCandidates(reviews);
      else await tx.putReviewCandidates(reviews);
    }
    if (s) s.appendEvents(events);
    else await tx.appendEvents(events);
    return { recordKey: rec.key, status, personId, mergedIds, reviews };
  }

  async function recordsForSubject(tx: IdentityStore, subject: string): Promise<StoredRecord[]> {
    if (subject.startsWith('record:')) {
      const r = await tx.getRecord(subject.slice('record:'.length));
      return r === undefined ? [] : [r];
    }
    const m = /^identifier:([a-z_]+):(.*)$/s.exec(subject);
    if (m === null) return [];
    return tx.recordsByIdentifier(m[1] as StoredRecord['identifiers'][number]['kind'], m[2]!);
  }

  /**
   * Takes a person apart and places its records again (after a never-link rule or an update removed the
   * evidence that held it together). The part holding the person's first record keeps the id.
   */
  async function recluster(tx: IdentityStore, personId: string, reason: string): Promise<string[]> {
    // The person's first record goes first so the part that holds it keeps the id; the rest in key order.
    const founder = (r: StoredRecord) => ((r.features as Features).why?.via ?? 'new') === 'new';
    const records = (await tx.recordsOfPerson(personId)).sort((x, y) =>
      founder(x) !== founder(y) ? (founder(x) ? -1 : 1) : x.key < y.key ? -1 : 1);
    if (records.length === 0) return [];
    await tx.deleteRecords(records.map((r) => r.key));
    await tx.deletePerson(personId);
    const ids = new Set<string>();
    for (const r of records) {
      const { personId: _p, ...rest } = r;
      const placed = await place(tx, { ...rest, features: r.features as Features }, personId);
      if (placed.personId !== undefined) ids.add(placed.personId);
    }
    const newPersonIds = [...ids].filter((id) => id !== personId);
    if (newPersonIds.length > 0) {
      await tx.appendEvents([{ type: 'person.split', personId, newPersonIds, reason, at: now().toISOString() }]);
    }
    return [...ids];
  }

  async function addPrepared(prepared: PreparedRecord): Promise<AddResult> {
    const { rejected, ...rec } = prepared;
    return store.transaction(async function addInTransaction(tx) {
      if (await isSuppressed(tx, rec)) {
        return { recordKey: rec.key, status: 'suppressed', personId: undefined, mergedIds: [], rejected, reviews: [] };
      }
      const s = syncOf(tx);
      const existing = s ? s.getRecord(rec.key) : await tx.getRecord(rec.key);
      if (existing !== undefined) {
        if (sameContent(existing, rec)) {
          return { recordKey: rec.key, status: 'unchanged', personId: existing.personId, mergedIds: [], rejected, reviews: [] };
        }
        await tx.deleteRecords([rec.key]);
        await tx.deleteReviewCandidates([rec.key]);
        const result = await place(tx, rec);
        if (result.personId !== existing.personId) {
          const rest = await tx.recordsOfPerson(existing.personId);
          if (rest.length === 0) await tx.deletePerson(existing.personId);
          else await recluster(tx, existing.personId, `record ${rec.key} changed`);
        }
        return { ...result, rejected };
      }
      return { ...(await place(tx, rec)), rejected };
    });
  }

  /**
   * Adds a never-link or force-link rule and applies it at once: a never-link between two records of one
   * person splits that person, a force-link merges two persons.
   */
  async function addRule(rule: Omit<LinkRule, 'createdAt' | 'id'> & { id?: string }): Promise<string[]> {
    return store.transaction(async function addRuleInTransaction(tx) {
      const full: LinkRule = { ...rule, id: rule.id ?? `rule-${newPersonId().slice(2)}`, createdAt: now().toISOString() };
      await tx.putRules([full]);
      await tx.putMeta(RULES_META, '1');
      rulesKnown = true;
      const a = await recordsForSubject(tx, full.a);
      const b = await recordsForSubject(tx, full.b);
      const touched = new Set<string>();
      if (full.kind === 'never-link') {
        const pa = new Set(a.map((r) => r.personId));
        for (const r of b) if (pa.has(r.personId)) touched.add(r.personId);
        const out: string[] = [];
        for (const p of touched) out.push(...(await recluster(tx, p, `never-link rule ${full.id}`)));
        return out;
      }
      const first = a[0];
      if (first === undefined) return [];
      for (const r of b) {
        if (r.personId === first.personId) continue;
        const { personId: _p, ...rest } = r;
        await tx.deleteRecords([r.key]);
        const placed = await place(tx, { ...rest, features: r.features as Features });
        if (placed.personId !== undefined) touched.add(placed.personId);
        const left = await tx.recordsOfPerson(r.personId);
        if (left.length === 0) await tx.deletePerson(r.personId);
      }
      return [...touched];
    });
  }

  /** Erases a person; returns the source records every connected system must erase. */
  async function erase(personId: string): Promise<{ personId: string; sourceRecords: SourceRef[]; tombstones: number }> {
    return store.transaction(async function eraseInTransaction(tx) {
      const records = await tx.recordsOfPerson(personId);
      if (records.length === 0 && (await tx.getPerson(personId)) === undefined) {
        throw new IdentityError('identity/unknown-person', `person "${personId}" does not exist`, { field: 'personId' });
      }
      const hashes = new Set(records.flatMap(tombstoneHashes));
      const at = now().toISOString();
      await tx.addTombstones([...hashes].map((h) => ({ hash: h, createdAt: at })));
      await tx.putMeta(TOMBSTONE_META, '1');
      tombstonesKnown = true;
      const keys = records.map((r) => r.key);
      await tx.deleteRecords(keys);
      await tx.deleteReviewCandidates(keys);
      await tx.deletePerson(personId);
      await tx.appendEvents([{ type: 'person.erased', personId, recordKeys: keys, at }]);
      return { personId, sourceRecords: records.map((r) => r.ref), tombstones: hashes.size };
    });
  }

  /**
   * True when a batch may be placed by the synchronous path: an in-process store whose graph is untouched
   * (no events, rules or tombstones), so placing in memory and writing once gives what adding one by one would.
   */
  function canPlaceInBulk(): boolean {
    const s = syncOf(store);
    if (s === undefined) return false;
    return s.listEvents(0, 1).length === 0 && s.getMeta(RULES_META) !== '1' && s.getMeta(TOMBSTONE_META) !== '1';
  }

  return {
    store, settings, ctx, getModel, setModel, useModel, addPrepared, addRule, erase, canPlaceInBulk, newPersonId, isoNow,
    prepare: (party: PartyRecord) => prepareRecord(party, ctx),
    shareStrings: (prepared: PreparedRecord) => shareStrings(prepared, ctx),
    hashKey: options.hashKey,
  };
}

function round(x: number): number {
  return Math.round(x * 10000) / 10000;
}

/** One line describing how a record joined. @example describe({ via: 'new' }); // 'first record of the person' */
export function describe(evidence: JoinEvidence): string {
  switch (evidence.via) {
    case 'new':
      return 'first record of the person';
    case 'identifier':
      return `same ${evidence.kind} as ${evidence.other}`;
    case 'rule':
      return `force-link rule ${evidence.rule} with ${evidence.other}`;
    case 'probabilistic':
      return `probabilistic match with ${evidence.other} (p=${evidence.probability}, ${evidence.weight} bits)`;
  }
}

/** The resolver core's type. */
export type ResolverCore = ReturnType<typeof createResolverCore>;

/** True when a model has m and u for every level of every compared field. */
function fitsLevels(model: MatchModel): boolean {
  return FIELDS.every((f, i) => model.m[i]?.length === f.levels.length && model.u[i]?.length === f.levels.length);
}
