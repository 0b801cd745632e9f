import type { PartyRecord, SourceRef } from '@silta/model';
import { explainLinkBetween, explainPerson, type LinkExplanation, type PersonExplanation } from './explain';
import { fitModel, type TrainingPair } from './match/fit';
import type { MatchModel } from './match/model';
import { namesAgree } from './guards';
import type { IdentitySettings } from './settings';
import type { PreparedRecord, Rejected } from './prepare';
import { createResolverCore, type AddResult, type ResolverOptions } from './resolver';
import type { ReviewCandidate, StoredEvent } from './store/types';

/** Options of {@link Resolver.resolveBatch}. */
export interface BatchOptions {
  /** Fit the Fellegi–Sunter model on the batch first (default true). */
  fit?: boolean;
  /** Records used for fitting at most: the first ones, so a fit is reproducible. Default 200 000. */
  fitSample?: number;
  /** Called every `progressEvery` records; `total` is -1 while unknown (an iterator rather than an array). */
  onProgress?: (done: number, total: number) => void;
  progressEvery?: number;
}

/** The outcome of a batch. */
export interface BatchResult {
  assignments: Array<{ recordKey: string; personId: string | undefined; status: AddResult['status'] }>;
  rejected: Array<{ recordKey: string } & Rejected>;
  reviewCount: number;
  model: MatchModel;
}

/**
 * Links party records into persons with stable ids. Everything persists through the store given in the
 * options (in memory by default).
 *
 * @example
 * const resolver = createResolver({ hashKey: process.env.SILTA_HASH_KEY });
 * const { personId } = await resolver.add(partyRecord);
 * const why = await resolver.explain(personId!);
 */
export interface Resolver {
  /** Adds or updates one record and returns its person. */
  add(record: PartyRecord): Promise<AddResult>;
  /** Resolves many records at once, fitting the match model on them first. */
  resolveBatch(records: Iterable<PartyRecord> | AsyncIterable<PartyRecord>, options?: BatchOptions): Promise<BatchResult>;
  /** Each record of a person and how it joined. */
  explain(personId: string): Promise<PersonExplanation>;
  /** The evidence between two records (keys as `system:connection:type:id`). */
  explainLink(a: string, b: string): Promise<LinkExplanation>;
  /** Keeps two records (or identifiers) apart forever; splits their person if needed. Returns affected persons. */
  neverLink(a: string, b: string, reason?: string): Promise<string[]>;
  /** Puts two records in one person. Returns affected persons. */
  forceLink(a: string, b: string, reason?: string): Promise<string[]>;
  /** GDPR erase: removes the person, tombstones its records and identifiers, lists what each system must erase. */
  erase(personId: string): Promise<{ personId: string; sourceRecords: SourceRef[]; tombstones: number }>;
  /** The person a record belongs to. */
  personOf(recordKey: string): Promise<string | undefined>;
  /** Merge, split, create, assign and erase events after `afterSeq`. */
  events(afterSeq?: number, limit?: number): Promise<StoredEvent[]>;
  /** Pairs waiting for a human decision. */
  reviewCandidates(limit?: number): Promise<ReviewCandidate[]>;
  /** The match model in use. */
  model(): Promise<MatchModel>;
}

/**
 * Creates a {@link Resolver}.
 *
 * @example
 * const resolver = createResolver({ hashKey: 'k', settings: { linkThreshold: 0.97 } });
 */
export function createResolver(options: ResolverOptions = {}): Resolver {
  const core = createResolverCore(options);

  function subject(x: string): string {
    return x.startsWith('record:') || x.startsWith('identifier:') ? x : `record:${x}`;
  }

  async function resolveBatch(
    records: Iterable<PartyRecord> | AsyncIterable<PartyRecord>,
    batch: BatchOptions = {},
  ): Promise<BatchResult> {
    const total = Array.isArray(records) ? records.length : -1;
    const iterator: Iterator<PartyRecord> | AsyncIterator<PartyRecord> =
      Symbol.asyncIterator in records ? records[Symbol.asyncIterator]() : records[Symbol.iterator]();
    // The model is fitted on the first `fitSample` records; the rest are prepared as they are placed, so a
    // generator of a million records never has to be held in memory at once.
    const head: PreparedRecord[] = [];
    const fitSample = batch.fitSample ?? 200_000;
    let exhausted = false;
    while (head.length < fitSample) {
      const next = await iterator.next();
      if (next.done === true) {
        exhausted = true;
        break;
      }
      head.push(core.prepare(next.value));
    }
    let model = await core.getModel();
    if (batch.fit !== false && head.length > 1) {
      model = fitOnSample(head, core.settings);
      await core.setModel(model);
    }
    const assignments: BatchResult['assignments'] = [];
    const rejected: BatchResult['rejected'] = [];
    let reviewCount = 0;
    const every = batch.progressEvery ?? 10_000;
    let done = 0;
    // The prior is "two random records are one person": with a steady number of records per person it falls
    // as 1/N, so once the batch outgrows the fitted sample the prior is scaled down with it.
    const fitN = head.length;
    const fittedLambda = model.lambda;
    const scalePrior = batch.fit !== false && fitN > 1 && !exhausted;
    const placeOne = async (p: PreparedRecord) => {
      if (scalePrior && done > fitN && done % 10_000 === 0) {
        model = { ...model, lambda: (fittedLambda * fitN) / done };
        core.useModel(model);
      }
      const result = await core.addPrepared(p);
      assignments.push({ recordKey: result.recordKey, personId: result.personId, status: result.status });
      for (const r of result.rejected) rejected.push({ recordKey: p.key, ...r });
      reviewCount += result.reviews.length;
      done++;
      if (batch.onProgress !== undefined && done % every === 0) batch.onProgress(done, total);
    };
    for (let i = 0; i < head.length; i++) {
      await placeOne(head[i]!);
      (head as Array<PreparedRecord | undefined>)[i] = undefined;
    }
    while (!exhausted) {
      const next = await iterator.next();
      if (next.done === true) break;
      await placeOne(core.prepare(next.value));
    }
    batch.onProgress?.(done, total < 0 ? done : total);
    if (scalePrior && done > fitN) {
      model = { ...model, lambda: (fittedLambda * fitN) / done };
      await core.setModel(model);
    }
    // Merges after an assignment move records: report each record's final person.
    for (const a of assignments) {
      if (a.personId !== undefined) a.personId = (await core.store.getRecord(a.recordKey))?.personId ?? a.personId;
    }
    return { assignments, rejected, reviewCount, model };
  }

  return {
    add: async function add(record) {
      return core.addPrepared(core.prepare(record));
    },
    resolveBatch,
    explain: async function explain(personId) {
      return explainPerson(core, personId);
    },
    explainLink: async function explainLink(a, b) {
      return explainLinkBetween(core, a, b);
    },
    neverLink: async function neverLink(a, b, reason) {
      return core.addRule({ kind: 'never-link', a: subject(a), b: subject(b), ...(reason === undefined ? {} : { reason }) });
    },
    forceLink: async function forceLink(a, b, reason) {
      return core.addRule({ kind: 'force-link', a: subject(a), b: subject(b), ...(reason === undefined ? {} : { reason }) });
    },
    erase: async function erase(personId) {
      return core.erase(personId);
    },
    personOf: async function personOf(recordKey) {
      return (await core.store.getRecord(recordKey))?.personId;
    },
    events: async function events(afterSeq = 0, limit = 1000) {
      return core.store.listEvents(afterSeq, limit);
    },
    reviewCandidates: async function reviewCandidates(limit = 1000) {
      return core.store.listReviewCandidates(limit);
    },
    model: async function model() {
      return core.getModel();
    },
  };
}

/** Fits the model on records, taking candidate pairs from the same blocking keys the resolver uses. */
function fitOnSample(sample: readonly PreparedRecord[], settings: IdentitySettings): MatchModel {
  const blockLimit = settings.blockLimit;
  const blocks = new Map<string, number[]>();
  sample.forEach((r, i) => {
    for (const k of r.blockingKeys) {
      const list = blocks.get(k);
      if (list === undefined) blocks.set(k, [i]);
      else list.push(i);
    }
  });
  const seen = new Set<number>();
  const pairs: TrainingPair[] = [];
  const n = sample.length;
  for (const list of blocks.values()) {
    if (list.length < 2) continue;
    for (let x = 0; x < list.length; x++) {
      // Like the resolver, each record meets at most `blockLimit` earlier members of a block.
      for (let y = Math.max(0, x - blockLimit); y < x; y++) {
        const a = list[y]!;
        const b = list[x]!;
        const id = a * n + b;
        if (seen.has(id)) continue;
        seen.add(id);
        const ra = sample[a]!;
        const rb = sample[b]!;
        // Labelled as a match the way the resolver would link it: a strong identifier, or a guarded one
        // with agreeing names (a household's shared phone is not a match and must not teach m).
        const shared = ra.identifiers.filter((p) => rb.identifiers.some((q) => q.kind === p.kind && q.value === p.value));
        const deterministic = shared.some((id) => settings.kinds[id.kind].link === 'strong')
          || (shared.some((id) => settings.kinds[id.kind].link === 'guarded') && namesAgree(ra, rb));
        pairs.push({ a, b, deterministic });
      }
    }
  }
  blocks.clear();
  return fitModel(sample, pairs, { seed: 7 });
}
