import type { PartyRecord, SourceRef } from '@silta/model';
import { explainLinkBetween, explainPerson, type LinkExplanation, type PersonExplanation } from './explain';
import { fitOnSample } from './batch/fit-sample';
import type { MatchModel } from './match/model';
import type { Features, PreparedRecord, Rejected } from './prepare';
import { keyListsOf } from './batch/candidates';
import { placeBatch } from './batch/place-batch';
import { PrepareHelper, type HelperAnswer } from './batch/prepare-helper';
import { WireReader } from './batch/prepared-wire';
import { candidatesWithHelper } from './batch/shared-candidates';
import { ComparisonColumns } from './match/columns';
import { createResolverCore, type AddResult, type ResolverOptions } from './resolver';
import { bulkOf, syncOf } from './store/sync';
import type { ReviewCandidate, StoredEvent, StoredRecord } from './store/types';

/** Records per chunk when preparing a batch (see prepareAll). */
const CHUNK = 1024;

/** Options of {@link Resolver.resolveBatch}. */
export interface BatchOptions {
  /** Fit the Fellegi–Sunter model on the batch first (default true). */
  fit?: boolean;
  /** Records used for fitting at most: the first ones, so a fit is reproducible. Default 200 000. */
  fitSample?: number;
  /** Called every `progressEvery` records; `total` is -1 while unknown (an iterator rather than an array). */
  onProgress?: (done: number, total: number) => void;
  progressEvery?: number;
  /**
   * Use a second thread for a large batch (default true): it prepares part of the records, then finds part of
   * the candidate lists while this thread places. It starts once `helperFrom` records have been read (default
   * 20 000) and is given a chunk whenever it has fewer than four waiting, so the calling thread keeps the
   * rest; the result is the same either way.
   */
  helperThread?: boolean;
  helperFrom?: number;
}

/** The outcome of a batch. */
export interface BatchResult {
  assignments: Array<{ recordKey: string; personId: string | undefined; status: AddResult['status'] }>;
  rejected: Array<{ recordKey: string } & Rejected>;
  reviewCount: number;
  model: MatchModel;
  /** Records the second thread prepared (see {@link BatchOptions.helperThread}). */
  preparedByHelper: number;
  /** Records whose blocked candidates the second thread found, ahead of placing them. */
  candidatesByHelper: number;
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

  // Placing a record reads the graph and then writes it; two placements interleaved on one graph could
  // each miss the other's person and create two. So this resolver's mutations run one at a time.
  let tail: Promise<unknown> = Promise.resolve();
  function exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = tail.then(work, work);
    tail = run.catch(() => undefined);
    return run;
  }

  function subject(x: string): string {
    return x.startsWith('record:') || x.startsWith('identifier:') ? x : `record:${x}`;
  }

  async function resolveBatch(
    records: Iterable<PartyRecord> | AsyncIterable<PartyRecord>,
    batch: BatchOptions = {},
  ): Promise<BatchResult> {
    if (core.canPlaceInBulk()) return resolveInBulk(records, batch);
    return resolveOneByOne(records, batch);
  }

  /**
   * The fast path for an untouched in-process graph: prepare everything in one synchronous loop, fit on the
   * head, place all records in memory over indices ({@link placeBatch}), then write persons, records, events
   * and reviews to the store once. Gives the same persons as {@link resolveOneByOne} would.
   */
  async function resolveInBulk(
    records: Iterable<PartyRecord> | AsyncIterable<PartyRecord>,
    batch: BatchOptions,
  ): Promise<BatchResult> {
    const rejected: BatchResult['rejected'] = [];
    const stored: StoredRecord[] = [];
    const keys = new Set<string>();
    let duplicate = false;
    // The comparison columns are built as records arrive: while the helper prepares, time spent here only
    // means it is given more chunks.
    // In shared memory from the start when a helper thread may be handed them (no copy of a few hundred MB then).
    const columns = new ComparisonColumns(1 << 16, batch.helperThread !== false);
    const take = (p: PreparedRecord) => {
      for (const r of p.rejected) rejected.push({ recordKey: p.key, ...r });
      const before = keys.size;
      keys.add(p.key); // one lookup, not two: a key already there leaves the size as it was
      if (keys.size === before) duplicate = true;
      stored.push({
        key: p.key, ref: p.ref, personId: '', identifiers: p.identifiers, blockingKeys: p.blockingKeys,
        features: p.features, updatedAt: p.updatedAt,
      });
      if (!duplicate) columns.add(p);
    };
    const { byHelper: preparedByHelper, helper } = await prepareAll(records, batch, take);
    try {
      keys.clear();
      const asPrepared = (r: StoredRecord): PreparedRecord => ({ ...r, features: r.features as Features, rejected: [] });
      if (duplicate) {
        // A key seen twice is an update inside the batch: the one-by-one path handles replacing and re-placing.
        const result = await resolveOneByOne(stored.map(asPrepared), batch, true);
        return { ...result, rejected, preparedByHelper };
      }
      return await placeInBulk(stored, columns, rejected, preparedByHelper, helper, batch);
    } finally {
      helper?.close();
    }
  }

  /**
   * The second half of {@link resolveInBulk}: fit, place and write. With a helper thread, it finds candidate
   * lists ahead of placing (from before the fit on), sharing that work with this thread.
   */
  async function placeInBulk(
    stored: StoredRecord[],
    columns: ComparisonColumns,
    rejected: BatchResult['rejected'],
    preparedByHelper: number,
    helper: PrepareHelper | undefined,
    batch: BatchOptions,
  ): Promise<BatchResult> {
    const share = helper !== undefined && core.settings.probabilistic;
    const shared = share ? candidatesWithHelper(helper, columns, keyListsOf(stored, true), core.settings.blockLimit) : undefined;
    const fitSample = batch.fitSample ?? 200_000;
    const fitN = Math.min(fitSample, stored.length);
    let model = await core.getModel();
    const fit = batch.fit !== false && fitN > 1;
    // As on the one-by-one path: once the batch outgrows the fitted sample, the prior falls as 1/N.
    const scalePrior = fit && stored.length > fitSample;
    const every = batch.progressEvery ?? 10_000;
    const total = stored.length;
    // The records go into the store ahead, while the helper finds candidates, rather than after placing with
    // this thread alone; they are filed under their persons once placed. Nothing in between awaits, so nobody
    // reads them unfiled, and if placing fails they are taken out again.
    const bulk = bulkOf(core.store);
    bulk?.putRecordsUnfiled(stored);
    let placed: ReturnType<typeof placeBatch>;
    try {
      if (fit) model = fitOnSample(stored.slice(0, fitN) as unknown as PreparedRecord[], core.settings, columns);
      const fittedLambda = model.lambda;
      placed = placeBatch(stored, {
        settings: core.settings,
        columns,
        ...(shared === undefined ? {} : { candidates: shared.candidates }),
        modelAt: (done) => {
          if (scalePrior && done > fitN && done % 10_000 === 0) {
            model = { ...model, lambda: (fittedLambda * fitN) / done };
          }
          return model;
        },
        newPersonId: core.newPersonId,
        isoNow: core.isoNow,
        onPlaced: (done) => {
          if (batch.onProgress !== undefined && done % every === 0) batch.onProgress(done, total);
        },
      });
      if (scalePrior) model = { ...model, lambda: (fittedLambda * fitN) / total };
    } catch (error) {
      bulk?.deleteRecords(stored.map((r) => r.key));
      throw error;
    }
    // The helper's heap is not needed for writing: let it go before the store grows.
    helper?.close();
    const assignments: BatchResult['assignments'] = new Array(total);
    for (let i = 0; i < total; i++) {
      const r = stored[i]!;
      r.personId = placed.personIds[i]!;
      assignments[i] = { recordKey: r.key, personId: r.personId, status: placed.status[i]! };
    }
    bulk?.fileUnderPersons(stored);
    batch.onProgress?.(total, total);
    if (fit || scalePrior) await core.setModel(model);
    await core.store.transaction(async function writeBatch(tx) {
      // Half a million persons: without a promise each where the store offers its synchronous twin.
      const s = syncOf(tx);
      if (s !== undefined) for (const p of placed.persons) s.putPerson(p);
      else for (const p of placed.persons) await tx.putPerson(p);
      if (bulk === undefined) await tx.putRecords(stored);
      // In slices: the store returns each slice with its seq, and a slice at a time dies young.
      for (let k = 0; k < placed.events.length; k += 4096) await tx.appendEvents(placed.events.slice(k, k + 4096));
      if (placed.reviews.length > 0) await tx.putReviewCandidates(placed.reviews);
    });
    const candidatesByHelper = shared?.byHelper() ?? 0;
    return { assignments, rejected, reviewCount: placed.reviews.length, model, preparedByHelper, candidatesByHelper };
  }

  /** Places records one at a time through the store: for a store with a graph in it already, or a SQL store. */
  async function resolveOneByOne(
    records: Iterable<PartyRecord | PreparedRecord> | AsyncIterable<PartyRecord | PreparedRecord>,
    batch: BatchOptions = {},
    preparedAlready = false,
  ): Promise<BatchResult> {
    const prepare = (x: PartyRecord | PreparedRecord) => (preparedAlready ? (x as PreparedRecord) : core.prepare(x as PartyRecord));
    const total = Array.isArray(records) ? records.length : -1;
    const iterator: Iterator<PartyRecord | PreparedRecord> | AsyncIterator<PartyRecord | PreparedRecord> =
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
      head.push(prepare(next.value));
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
      await placeOne(prepare(next.value));
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
    return { assignments, rejected, reviewCount, model, preparedByHelper: 0, candidatesByHelper: 0 };
  }

  /**
   * Prepares every record in input order and hands each to `take`, in chunks: the calling thread prepares a
   * chunk itself unless the helper thread is ready and has fewer than four waiting. Returns how many records
   * the helper prepared, and the helper itself when it is ready for more work (the caller closes it).
   */
  async function prepareAll(
    records: Iterable<PartyRecord> | AsyncIterable<PartyRecord>,
    batch: BatchOptions,
    take: (p: PreparedRecord) => void,
  ): Promise<{ byHelper: number; helper: PrepareHelper | undefined }> {
    const helperFrom = batch.helperFrom ?? 20_000;
    let helper: PrepareHelper | undefined;
    let helperTried = false;
    let read = 0;
    let byHelper = 0;
    // Chunks in input order: their prepared records once known (null once handed on); the parties of each
    // chunk the helper holds, until it answers.
    const done: Array<PreparedRecord[] | undefined | null> = [];
    const sent = new Map<number, PartyRecord[]>();
    let next = 0; // the first chunk not yet handed to `take`
    let pending: PartyRecord[] = [];
    const wire = new WireReader(core.ctx.intern, (given) => core.ctx.nicknames.get(given));
    const accept = (answers: readonly HelperAnswer[]) => {
      for (const a of answers) {
        // Every encoded answer is decoded, in order, even one no longer waited for: the table is built as it goes.
        const prepared = a.wire !== undefined ? wire.decode(a.wire) : a.prepared?.map(core.shareStrings);
        const parties = sent.get(a.id);
        if (parties === undefined) continue;
        sent.delete(a.id);
        if (prepared === undefined) done[a.id] = parties.map(core.prepare);
        else {
          byHelper += prepared.length;
          done[a.id] = prepared;
        }
      }
      for (; next < done.length && done[next] != null; next++) {
        for (const p of done[next]!) take(p);
        done[next] = null;
      }
    };
    const flush = () => {
      if (pending.length > 0) {
        const id = done.length;
        done.push(undefined);
        if (helper !== undefined && helper.ready && helper.outstanding < 4 && helper.send(id, pending)) sent.set(id, pending);
        else done[id] = pending.map(core.prepare);
        pending = [];
      }
      accept(helper === undefined ? [] : helper.receive(0));
      if (helper === undefined && batch.helperThread !== false && read >= helperFrom && !helperTried) {
        helperTried = true;
        helper = PrepareHelper.start(core.settings, core.hashKey, core.ctx.now);
      }
    };
    const one = (party: PartyRecord) => {
      pending.push(party);
      read++;
      if (pending.length === CHUNK) flush();
    };
    try {
      if (Symbol.asyncIterator in records) for await (const party of records) one(party);
      else for (const party of records) one(party);
      flush();
      // What the helper still holds: wait for it, and prepare here whatever it leaves unanswered for 10 s.
      while (helper !== undefined && helper.outstanding > 0) {
        const answers = helper.receive(10_000);
        if (answers.length === 0) break;
        accept(answers);
      }
      for (const [id, parties] of sent) done[id] = parties.map(core.prepare);
      sent.clear();
      accept([]);
    } catch (error) {
      helper?.close();
      throw error;
    }
    if (helper !== undefined && !helper.ready) {
      helper.close();
      helper = undefined;
    }
    return { byHelper, helper };
  }

  return {
    add: async function add(record) {
      return exclusive(() => core.addPrepared(core.prepare(record)));
    },
    resolveBatch: async function exclusiveBatch(records, batch) {
      return exclusive(() => resolveBatch(records, batch));
    },
    explain: async function explain(personId) {
      return explainPerson(core, personId);
    },
    explainLink: async function explainLink(a, b) {
      return explainLinkBetween(core, a, b);
    },
    neverLink: async function neverLink(a, b, reason) {
      return exclusive(() => core.addRule({ kind: 'never-link', a: subject(a), b: subject(b), ...(reason === undefined ? {} : { reason }) }));
    },
    forceLink: async function forceLink(a, b, reason) {
      return exclusive(() => core.addRule({ kind: 'force-link', a: subject(a), b: subject(b), ...(reason === undefined ? {} : { reason }) }));
    },
    erase: async function erase(personId) {
      return exclusive(() => core.erase(personId));
    },
    personOf: async function personOf(recordKey) {
      const personId = (await core.store.getRecord(recordKey))?.personId;
      // Empty while a batch is placing the record (a progress callback may ask).
      return personId === '' ? undefined : personId;
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
