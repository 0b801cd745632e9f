import { silentLogger, type Logger, type StreamBatch, type StreamDefinition } from '@silta/kit';
import { formatSourceRef, parseSourceRef, type CanonicalRecord, type SourceRef } from '@silta/model';
import type { UpsertBatchResult } from '../store/types';
import { redactSecrets } from '../store/errors';
import { EngineError } from './errors';
import { streamKeyOf } from './store-port';
import { errorMessage, withStoreRetry } from './store-retry';
import type { RunOutcome, RunProgress, RunStreamOptions, RunSummary, SyncCounts } from './types';

/**
 * Runs one stream of one connection into the store: reads the saved checkpoint, iterates the stream's
 * batches and commits each batch's records with its checkpoint in one transaction, dead-letters rejected
 * payloads with their reason, and writes a run log entry. Deletes are inferred only when the run
 * enumerated the stream from the beginning, the last batch said `complete`, and nothing was rejected.
 *
 * A thrown error (vendor, network, store) ends the run as `failed`: the checkpoint stays at the last
 * durable batch, so the next run resumes there. The returned summary says how it ended; it does not throw
 * for a failed run, only for a stream that does not exist.
 *
 * @example
 * const summary = await runStream({ store, connector: freshdesk, connectionName: 'helpdesk', config, stream: 'tickets' });
 * if (summary.status !== 'succeeded') console.error(summary.error);
 */
export async function runStream<TConfig, TClient>(options: RunStreamOptions<TConfig, TClient>): Promise<RunSummary> {
  const { store, connector, connectionName, config } = options;
  const stream = resolveStream(options);
  const logger = (options.logger ?? silentLogger).child({ connection: connectionName, stream: stream.name });
  const now = options.now ?? (() => new Date());
  const signal = options.signal ?? new AbortController().signal;
  const retries = options.storeRetries ?? 3;
  const streamKey = streamKeyOf(connector.system, connectionName, stream.name);
  const full = options.full ?? false;
  const startedAt = now();
  const counts: SyncCounts = { fetched: 0, created: 0, updated: 0, unchanged: 0, stale: 0, deleted: 0, failed: 0 };
  let batches = 0;
  let total: number | undefined;
  let deletesInferred = false;
  let runId = -1;
  let status: RunOutcome = 'succeeded';
  let failure: unknown;

  const write = <T>(what: string, fn: () => Promise<T>) => withStoreRetry(fn, { retries, logger, what, signal });

  try {
    if (full) await write('resetCheckpoint', () => store.resetCheckpoint(streamKey));
    const run = await write('startRun', () => store.startRun({ stream: streamKey, connection: connectionName, mode: full ? 'full' : 'incremental' }));
    runId = run.id;
    const stored = await write('getCheckpoint', () => store.getCheckpoint(streamKey));
    const checkpoint = parseCheckpoint(stream, streamKey, stored);
    // Deletes may only be inferred from an enumeration this run saw from its very first page.
    const fromScratch = checkpoint === undefined;
    const seen = fromScratch ? new Set<string>() : undefined;
    let complete = false;
    let rejected = false;
    logger.info({ streamKey, runId, resume: !fromScratch, full }, 'run started');

    const client = options.client ?? connector.createClient(config, { logger });
    const ctx = { config, client, connection: connectionName, logger, signal, now };
    // One batch is written while the next is read, mapped and prepared: the store's writer (a thread for
    // SQLite, the server for PostgreSQL) and this event loop work at the same time. A batch is only sent
    // after the previous one committed, so a failed batch never lets a later checkpoint skip past it.
    let inFlight: { write: Promise<UpsertBatchResult>; records: readonly CanonicalRecord[]; complete: boolean; total?: number; rejects: number; fetched: number } | undefined;
    const settle = async (): Promise<void> => {
      if (!inFlight) return;
      const done = inFlight;
      inFlight = undefined;
      // Counted per batch as it is settled, so progress never runs ahead of what is stored.
      counts.fetched += done.fetched;
      const result = await done.write;
      counts.created += result.created;
      counts.updated += result.updated;
      counts.unchanged += result.unchanged;
      counts.stale += result.skippedStale;
      counts.deleted += result.deleted;
      if (seen) for (const record of done.records) seen.add(formatSourceRef(record.ref));
      complete = done.complete;
      batches++;
      if (done.total !== undefined) total = done.total;
      logger.debug({ batch: batches, records: done.records.length, rejects: done.rejects, ...counts }, 'batch committed');
      options.onProgress?.(progressOf());
    };
    try {
      for await (const batch of stream.read(ctx, checkpoint) as AsyncIterable<StreamBatch<unknown>>) {
        if (signal.aborted) break;
        const rejects = batch.rejects ?? [];
        // Dead letters first: a crash before the upsert re-fetches the same page, so at worst a reject is
        // recorded twice, never lost.
        for (const reject of rejects) {
          rejected = true;
          await write('dlqAdd', () => store.dlqAdd({
            kind: 'record', source: streamKey, reason: redactSecrets(errorMessage(reject.error)), payload: reject.payload ?? null,
          }));
          counts.failed++;
        }
        const fetched = batch.records.length + rejects.length;
        const prepared = await store.prepareUpsert({
          streamKey,
          records: batch.records,
          checkpoint: batch.checkpoint,
          source: 'poll',
          deletedIds: toRefs(batch.deletedIds, logger),
          complete: batch.complete === true,
        }).catch((error: unknown) => {
          counts.fetched += fetched;
          throw error;
        });
        await settle();
        inFlight = {
          write: write('upsertBatch', () => store.upsertBatch(prepared)),
          records: batch.records, complete: batch.complete === true, rejects: rejects.length, fetched,
          ...(batch.total === undefined ? {} : { total: batch.total }),
        };
        // Observed when settled; until then a failure must not count as unhandled.
        inFlight.write.catch(() => undefined);
      }
      await settle();
    } finally {
      // A read or prepare that failed while a batch was being written: that batch still lands (or not) on its own.
      if (inFlight) await settle().catch(() => undefined);
    }

    if (signal.aborted) {
      status = 'aborted';
      failure = new EngineError('RUN_ABORTED', `run of ${streamKey} was stopped after ${batches} batches`);
    } else if (seen && complete && !rejected) {
      const events = await write('markMissingDeleted', () => store.markMissingDeleted(streamKey, seen, { storedBefore: startedAt, source: 'poll' }));
      counts.deleted += events.length;
      deletesInferred = true;
    }
  } catch (error) {
    status = signal.aborted ? 'aborted' : 'failed';
    failure = error;
  }

  const finishedAt = now();
  const message = failure === undefined ? undefined : redactSecrets(errorMessage(failure));
  if (runId !== -1) {
    try {
      await withStoreRetry(() => store.finishRun(runId, {
        status,
        counts: { fetched: counts.fetched, created: counts.created, updated: counts.updated, unchanged: counts.unchanged + counts.stale, failed: counts.failed },
        ...(message === undefined ? {} : { error: message }),
      }), { retries, logger, what: 'finishRun' });
    } catch (error) {
      logger.error({ err: errorMessage(error) }, 'could not write the end of the run log');
    }
  }
  const summary: RunSummary = {
    runId, connection: connectionName, stream: stream.name, streamKey, status, counts: { ...counts }, batches,
    startedAt, finishedAt, full, deletesInferred,
    ...(message === undefined ? {} : { error: message, cause: failure }),
  };
  const line = { runId, status, ms: finishedAt.getTime() - startedAt.getTime(), ...counts, deletesInferred };
  if (status === 'succeeded') logger.info(line, 'run finished');
  else logger.error({ ...line, error: message }, status === 'aborted' ? 'run stopped' : 'run failed');
  return summary;

  function progressOf(): RunProgress {
    return { connection: connectionName, stream: stream.name, batches, startedAt, ...counts, ...(total === undefined ? {} : { total }) };
  }
}

function resolveStream<TConfig, TClient>(options: RunStreamOptions<TConfig, TClient>): StreamDefinition<TConfig, TClient, unknown> {
  if (typeof options.stream !== 'string') return options.stream;
  const stream = options.connector.streams[options.stream] as StreamDefinition<TConfig, TClient, unknown> | undefined;
  if (!stream) {
    throw new EngineError(
      'STREAM_NOT_FOUND',
      `${options.connector.system} has no stream "${options.stream}"; it has ${Object.keys(options.connector.streams).join(', ') || 'none'}`,
    );
  }
  return stream;
}

function parseCheckpoint<C, K>(stream: StreamDefinition<C, K, unknown>, streamKey: string, stored: unknown): unknown {
  if (stored === undefined || stored === null) return undefined;
  const parsed = stream.checkpoint.safeParse(stored);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length > 0 ? issue.path.join('.') : '(root)';
  throw new EngineError(
    'CHECKPOINT_INVALID',
    `the saved checkpoint of ${streamKey} does not fit the stream's schema at ${where}: ${issue?.message ?? 'invalid'}; run a full resync of the stream to start over`,
  );
}

/** The kit reports vendor deletes as formatted refs (`system:connection:type:id`); the store wants refs. */
function toRefs(ids: readonly string[] | undefined, logger: Logger): SourceRef[] | undefined {
  if (!ids || ids.length === 0) return undefined;
  const refs: SourceRef[] = [];
  for (const id of ids) {
    try {
      refs.push(parseSourceRef(id));
    } catch {
      logger.warn({ id }, 'ignoring a deleted id that is not a formatted source ref (system:connection:type:id)');
    }
  }
  return refs;
}
