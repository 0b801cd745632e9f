import { levelsNamesAgree, mergeConflict, sharedAndUnattributable } from '../guards';
import { ComparisonColumns } from '../match/columns';
import { BlockIndex, identifierNumber } from './block-index';
import { CANDIDATE_CHUNK, CandidateFinder, keyListsOf, unpackLevels } from './candidates';
import { probabilityOf, weightOfLevels, type MatchModel } from '../match/model';
import { holdsIdentifier, type Features, type JoinEvidence } from '../prepare';
import { describe } from '../resolver';
import type { IdentitySettings } from '../settings';
import type { ReviewCandidate, StoredEvent, StoredRecord } from '../store/types';

/** What {@link placeBatch} needs from the resolver besides the records. */
export interface PlaceBatchContext {
  settings: IdentitySettings;
  /** The model to score with before record `done` is placed (the batch scales its prior as it grows). */
  modelAt: (done: number) => MatchModel;
  newPersonId: () => string;
  isoNow: () => string;
  onPlaced?: (done: number) => void;
  /** The records' comparison columns, every record added in order (built here when not given). */
  columns?: ComparisonColumns;
  /**
   * The candidate lists of chunk `c` ({@link CandidateFinder.find}); asked for each chunk in order. Found on
   * this thread when not given.
   */
  candidates?: (c: number) => Int32Array;
}

/** The outcome of {@link placeBatch}: every record's final person, and what the one-by-one path would have written. */
export interface PlacedBatch {
  /** Final person id per record, in input order. */
  personIds: string[];
  status: Array<'created' | 'linked' | 'merged'>;
  /** Surviving persons with their creation time. */
  persons: Array<{ id: string; createdAt: string }>;
  /** Numbered from 1 as the empty store the bulk path writes to numbers them, so the store need not copy them. */
  events: StoredEvent[];
  reviews: ReviewCandidate[];
}

const NEW: JoinEvidence = Object.freeze({ via: 'new' }) as JoinEvidence;
const NONE: readonly number[] = Object.freeze([]);
const levels = new Uint8Array(16);

/**
 * Places records into persons exactly as adding them one by one to an empty graph without rules would
 * (same order, same identifier links and limits, same blocked candidates, same thresholds, same id survival),
 * but synchronously over record indices: clusters are arrays of indices, the identifier and blocking-key
 * indexes map to indices, and nothing touches the store. The caller writes the result in one bulk call.
 *
 * `records` are the stored-record objects to be written; their `features.why` is set here.
 *
 * @example
 * const placed = placeBatch(records, { settings, modelAt: () => model, newPersonId, isoNow });
 * placed.personIds[0]; // 'p-…'
 */
export function placeBatch(records: readonly StoredRecord[], ctx: PlaceBatchContext): PlacedBatch {
  const { settings } = ctx;
  const n = records.length;
  const kinds = settings.kinds;
  const cluster = new Int32Array(n).fill(-1);
  const members: Array<number[] | undefined> = [];
  const clusterIds: string[] = [];
  const clusterAt: string[] = [];
  const status: PlacedBatch['status'] = new Array(n);
  const events: StoredEvent[] = [];
  const reviews: ReviewCandidate[] = [];
  // Record indices by identifier, in typed arrays by the identifier's number (a collision is checked against
  // the holder's identifiers): a million records hold a few million identifiers.
  const byIdentifier = new BlockIndex(Math.max(16, 3 * n));
  const seenStamp = new Int32Array(n);
  // The fields compared, as numbers in flat arrays: a candidate costs one row, not a walk through its objects.
  let columns = ctx.columns;
  if (columns === undefined) {
    columns = new ComparisonColumns(n);
    for (const rec of records) columns.add(rec as StoredRecord & { features: Features });
  }
  let candidates = ctx.candidates;
  if (candidates === undefined) {
    const finder = new CandidateFinder(columns, keyListsOf(records), settings.blockLimit);
    candidates = (c) => finder.find(c);
  }
  let list: Int32Array = new Int32Array(0);
  let cursor = 0;

  // Per kind of identifier, counted in a reused array rather than a map per check.
  const kindNames = Object.keys(kinds) as Array<keyof typeof kinds>;
  const kindSlot = new Map<string, number>(kindNames.map((kind, slot) => [kind, slot]));
  const kindCount = new Int32Array(kindNames.length);
  const distinct = new Set<string>();
  const countKinds = (r: number) => {
    for (const id of records[r]!.identifiers) {
      const slot = kindSlot.get(id.kind)!;
      kindCount[slot] = kindCount[slot]! + 1;
    }
  };
  const collectValues = (r: number, kind: string) => {
    for (const id of records[r]!.identifiers) if (id.kind === kind) distinct.add(id.value);
  };

  /** The limits of mergeBlocker (no rules exist on this path): true when `mine` + self and `theirs` must stay apart. */
  function blocked(mine: readonly number[], self: number, theirs: readonly number[], mode: 'identifier' | 'other', linkPriority: number): boolean {
    // Count per kind first; only a kind whose total exceeds its limit needs its distinct values.
    kindCount.fill(0);
    for (const r of mine) countKinds(r);
    countKinds(self);
    for (const r of theirs) countKinds(r);
    for (let slot = 0; slot < kindNames.length; slot++) {
      const kind = kindNames[slot]!;
      const policy = kinds[kind];
      if (kindCount[slot]! <= policy.maxPerPerson) continue;
      const relevant = kind === 'national_id'
        || (mode === 'identifier' ? policy.priority <= linkPriority : policy.link !== 'none');
      if (!relevant) continue;
      distinct.clear();
      for (const r of mine) collectValues(r, kind);
      collectValues(self, kind);
      for (const r of theirs) collectValues(r, kind);
      if (distinct.size > policy.maxPerPerson) return true;
    }
    return false;
  }

  /** guards.namesAgree of record i and record h, on the columns. */
  const agreeLevels = new Uint8Array(16);
  function holderNamesAgree(h: number): boolean {
    columns!.levels(i, h, agreeLevels);
    return levelsNamesAgree(agreeLevels);
  }

  /** guards.personsConflict on the columns, merging through record i. */
  function conflict(a: readonly number[], b: readonly number[]): boolean {
    return mergeConflict(rec as StoredRecord & { features: Features }, a.length, b.length, (x, y, out) => columns!.levels(a[x]!, b[y]!, out));
  }

  // Scratch lists reused for every record: a million records would otherwise leave millions of small arrays.
  const extra: number[] = [];
  const extraCluster: number[] = [];
  const bestCluster: number[] = [];
  const bestOther: number[] = [];
  const bestWeight: number[] = [];
  const order: number[] = [];
  const tried: number[] = [];
  const holderCluster: number[] = [];
  const holders: number[] = [];
  const ids: StoredRecord['identifiers'][number][] = [];
  const byWeight = (x: number, y: number) => bestWeight[y]! - bestWeight[x]!;

  // The record being placed and what it has joined so far (the helpers below read and change these).
  let i = 0;
  let rec = records[0]!;
  let at = '';
  let pid = -1;
  let why: JoinEvidence = NEW;
  let merged = false;
  let fs: MatchModel | undefined;

  /** Joins record i to person `other` (merging when it has joined another already); false when limits forbid it. */
  function tryJoin(other: number, mode: 'identifier' | 'other', linkPriority: number, weak: boolean, evidence: () => JoinEvidence): boolean {
    if (other === pid) return true;
    const theirs = members[other];
    if (theirs === undefined || theirs.length === 0) return false;
    if (blocked(pid < 0 ? NONE : members[pid]!, i, theirs, mode, linkPriority)) return false;
    // Merging two persons on weak evidence (a guarded value, a score) needs their own records to agree.
    if (pid >= 0 && weak && conflict(members[pid]!, theirs)) return false;
    if (pid < 0) {
      pid = other;
      why = evidence();
      return true;
    }
    const survivor = pid < other ? pid : other;
    const loser = pid < other ? other : pid;
    const moving = members[loser]!;
    const kept = members[survivor]!;
    for (const r of moving) {
      cluster[r] = survivor;
      kept.push(r);
    }
    members[loser] = undefined;
    merged = true;
    events.push({ type: 'person.merged', survivorId: clusterIds[survivor]!, mergedIds: [clusterIds[loser]!], reason: describe(evidence()), at, seq: events.length + 1 });
    pid = survivor;
    return true;
  }

  /** Keeps candidate `o` of person `oc` (its levels in `levels`) if it is that person's best so far. */
  function keep(o: number, oc: number): void {
    const weight = weightOfLevels(fs!, rec as StoredRecord & { features: Features }, levels);
    const k = bestCluster.indexOf(oc);
    if (k < 0) {
      bestCluster.push(oc);
      bestOther.push(o);
      bestWeight.push(weight);
    } else if (weight > bestWeight[k]!) {
      bestOther[k] = o;
      bestWeight[k] = weight;
    }
  }

  for (i = 0; i < n; i++) {
    rec = records[i]!;
    at = ctx.isoNow();
    pid = -1;
    why = NEW;
    merged = false;

    // Deterministic identifiers, strongest first (a stable insertion sort: a record has a handful). Holders'
    // persons are read once per identifier, as the one-by-one path reads them from the store before it starts linking.
    extra.length = 0;
    extraCluster.length = 0;
    ids.length = 0;
    for (const id of rec.identifiers) {
      let k = ids.length;
      ids.push(id);
      for (; k > 0 && kinds[ids[k - 1]!.kind].priority > kinds[id.kind].priority; k--) ids[k] = ids[k - 1]!;
      ids[k] = id;
    }
    for (const id of ids) {
      const policy = kinds[id.kind];
      if (policy.link === 'none') continue;
      // The records holding this value, oldest first (the index lists them newest first).
      holders.length = 0;
      for (let e = byIdentifier.newest(identifierNumber(id.kind, id.value)); e !== -1; e = byIdentifier.older(e)) {
        const h = byIdentifier.record(e);
        if (holdsIdentifier(records[h]!.identifiers, id.kind, id.value)) holders.push(h);
      }
      const count = holders.length;
      if (count === 0) continue;
      holders.reverse();
      holderCluster.length = 0;
      for (let k = 0; k < count; k++) holderCluster.push(cluster[holders[k]!]!);
      tried.length = 0;
      let shared = false;
      if (policy.link === 'guarded' && count > 1 && rec.features.g === undefined) {
        // Two persons are enough to call the value shared.
        let persons = 1;
        for (let k = 1; k < count && persons < 2; k++) if (holderCluster[k] !== holderCluster[0]) persons = 2;
        shared = sharedAndUnattributable(rec as StoredRecord & { features: Features }, persons);
      }
      for (let k = 0; k < count; k++) {
        const h = holders[k]!;
        const hc = holderCluster[k]!;
        if (hc === pid || tried.includes(hc)) continue;
        if (policy.link === 'guarded' && (shared || !holderNamesAgree(h))) {
          extra.push(h);
          extraCluster.push(hc);
          continue;
        }
        tried.push(hc);
        tryJoin(hc, 'identifier', policy.priority, policy.link === 'guarded', () => ({ via: 'identifier', kind: id.kind, other: records[h]!.key }));
      }
    }

    // Probabilistic matching over the blocked candidates; the best-scoring record per person.
    if (settings.probabilistic) {
      if (i % CANDIDATE_CHUNK === 0) {
        list = candidates(i / CANDIDATE_CHUNK);
        cursor = 0;
      }
      const candidateCount = list[cursor++]!;
      const candidatesAt = cursor;
      cursor += 2 * candidateCount;
      fs = ctx.modelAt(i);
      bestCluster.length = 0;
      bestOther.length = 0;
      bestWeight.length = 0;
      const stamp = i + 1;
      // Holders of a guarded identifier that did not join come first; the blocked candidates found ahead
      // (each record once, only those passing the hard rules) skip any of them.
      for (let k = 0; k < extra.length; k++) {
        const o = extra[k]!;
        if (seenStamp[o] === stamp) continue;
        seenStamp[o] = stamp;
        if (columns.linkable(i, o, levels)) keep(o, extraCluster[k]!);
      }
      // Most records have no such holders, and then nothing is marked: the mark is not read (a trip to memory).
      const marked = extra.length > 0;
      for (let c = candidatesAt; c < candidatesAt + 2 * candidateCount; c += 2) {
        const o = list[c]!;
        if (marked && seenStamp[o] === stamp) continue;
        unpackLevels(list[c + 1]!, levels);
        // A candidate's person is read only now: on a million records every read at a random record is a trip to memory.
        keep(o, cluster[o]!);
      }
      order.length = 0;
      for (let k = 0; k < bestCluster.length; k++) order.push(k);
      if (order.length > 1) order.sort(byWeight);
      for (const k of order) {
        const oc = bestCluster[k]!;
        if (oc === pid) continue;
        const weight = bestWeight[k]!;
        const probability = probabilityOf(weight);
        if (probability < settings.reviewThreshold && probability < settings.linkThreshold) continue;
        const other = records[bestOther[k]!]!.key;
        if (probability >= settings.linkThreshold) {
          const joined = tryJoin(oc, 'other', 0, true, () => ({ via: 'probabilistic', other, probability: round(probability), weight: round(weight) }));
          if (joined) continue;
        }
        if (probability >= settings.reviewThreshold) {
          reviews.push({ a: rec.key, b: other, probability: round(probability), weight: round(weight), createdAt: at });
        }
      }
    }

    let st: PlacedBatch['status'][number] = merged ? 'merged' : 'linked';
    if (pid < 0) {
      pid = members.length;
      members.push([]);
      clusterIds.push(ctx.newPersonId());
      clusterAt.push(at);
      events.push({ type: 'person.created', personId: clusterIds[pid]!, recordKey: rec.key, at, seq: events.length + 1 });
      st = 'created';
    } else {
      events.push({ type: 'record.assigned', recordKey: rec.key, personId: clusterIds[pid]!, at, seq: events.length + 1 });
    }
    (rec.features as Features).why = why;
    members[pid]!.push(i);
    cluster[i] = pid;
    status[i] = st;
    for (const id of rec.identifiers) byIdentifier.add(identifierNumber(id.kind, id.value), i);
    ctx.onPlaced?.(i + 1);
  }

  const personIds: string[] = new Array(n);
  for (let i = 0; i < n; i++) personIds[i] = clusterIds[cluster[i]!]!;
  const persons: PlacedBatch['persons'] = [];
  for (let c = 0; c < members.length; c++) if (members[c] !== undefined) persons.push({ id: clusterIds[c]!, createdAt: clusterAt[c]! });
  return { personIds, status, persons, events, reviews };
}

function round(x: number): number {
  return Math.round(x * 10000) / 10000;
}
