import { silentLogger, type Logger, type StreamDefinition } from '@silta/kit';
import type { ConnectionInstance } from '../config/types';
import { webhookStreamKey } from '../inbox/process';
import type { DlqEntry, SiltaStore } from '../store/types';
import { EngineError } from './errors';
import { errorMessage } from './store-retry';

/** The store methods a replay uses. */
export type ReplayStore = Pick<SiltaStore, 'dlqGet' | 'dlqList' | 'dlqMarkReplayed' | 'upsertBatch' | 'outboxRequeue'>;

/**
 * A stream that can re-map one raw payload: the kit's `StreamDefinition` with its optional `map` present.
 *
 * @deprecated Use `StreamDefinition['map']` from `@silta/kit`; kept so existing imports still compile.
 */
export type RemappableStream = Required<Pick<StreamDefinition, 'map'>>;

/** What happened to one dead letter on replay. */
export interface ReplayOutcome {
  id: number;
  kind: DlqEntry['kind'];
  ok: boolean;
  /** Records stored (record and webhook entries) or the outbox job requeued (action entries). */
  detail: string;
}

/** What {@link replayDeadLetters} needs. */
export interface ReplayOptions {
  store: ReplayStore;
  connections: Record<string, ConnectionInstance>;
  logger?: Logger;
  /** Replays action entries that are not outbox jobs (e.g. a rule that failed); by default they are refused. */
  replayAction?: (entry: DlqEntry) => Promise<string>;
}

/**
 * Replays dead letters into the engine: a webhook body is parsed again by its webhook and stored; a
 * rejected stream record is re-mapped by its stream (when the stream offers `map`) and stored; a failed
 * outbox job is put back to pending so the worker delivers it (its idempotency key is unchanged, so it is
 * still delivered at most once). A replay that fails again leaves the entry open with the new reason.
 *
 * @example
 * const outcomes = await replayDeadLetters('all', { store, connections: config.connections });
 * for (const o of outcomes) console.log(o.id, o.ok ? 'replayed' : o.detail);
 */
export async function replayDeadLetters(which: number | 'all', options: ReplayOptions): Promise<ReplayOutcome[]> {
  const entries = which === 'all' ? await options.store.dlqList({ status: 'open', limit: 10_000 }) : [await options.store.dlqGet(which)];
  const outcomes: ReplayOutcome[] = [];
  for (const entry of entries) {
    if (!entry) throw new EngineError('DEAD_LETTER_NOT_FOUND', `no dead letter with id ${String(which)}`);
    if (entry.status !== 'open') {
      outcomes.push({ id: entry.id, kind: entry.kind, ok: false, detail: `already ${entry.status}` });
      continue;
    }
    try {
      const detail = await replayOne(entry, options);
      await options.store.dlqMarkReplayed(entry.id);
      outcomes.push({ id: entry.id, kind: entry.kind, ok: true, detail });
    } catch (error) {
      (options.logger ?? silentLogger).warn({ dlq: entry.id, err: errorMessage(error) }, 'replay failed; the entry stays open');
      outcomes.push({ id: entry.id, kind: entry.kind, ok: false, detail: errorMessage(error) });
    }
  }
  return outcomes;
}

async function replayOne(entry: DlqEntry, options: ReplayOptions): Promise<string> {
  switch (entry.kind) {
    case 'webhook': return replayWebhook(entry, options);
    case 'record': return replayRecord(entry, options);
    case 'action': return replayAction(entry, options);
  }
}

async function replayWebhook(entry: DlqEntry, options: ReplayOptions): Promise<string> {
  const p = entry.payload as { connection?: unknown; webhook?: unknown; body?: unknown };
  if (typeof p?.connection !== 'string' || typeof p.webhook !== 'string' || typeof p.body !== 'string') {
    throw notReplayable(entry, 'its payload has no connection, webhook and body');
  }
  const conn = connectionOf(options, p.connection, entry);
  const webhook = conn.connector.webhooks[p.webhook];
  if (!webhook) throw notReplayable(entry, `connection ${p.connection} has no webhook "${p.webhook}"`);
  const records = webhook.parse(JSON.parse(p.body) as unknown, { config: conn.config, connection: p.connection });
  const res = await options.store.upsertBatch({
    streamKey: webhookStreamKey(conn.connector.system, p.connection, p.webhook), records, source: 'webhook',
  });
  return `${records.length} records (${res.created} created, ${res.updated} updated)`;
}

async function replayRecord(entry: DlqEntry, options: ReplayOptions): Promise<string> {
  // Record dead letters are filed under the stream key `system:connection:stream`.
  const [system, connectionName, streamName] = entry.source.split(':');
  if (!system || !connectionName || !streamName) throw notReplayable(entry, `its source "${entry.source}" is not a stream key`);
  const conn = connectionOf(options, connectionName, entry);
  const stream: StreamDefinition | undefined = conn.connector.streams[streamName];
  if (!stream) throw notReplayable(entry, `${system} has no stream "${streamName}"`);
  if (typeof stream.map !== 'function') {
    throw notReplayable(entry, `stream ${streamName} cannot re-map one payload; run "silta sync --stream ${streamName} --full --once" instead`);
  }
  const records = stream.map(entry.payload, { config: conn.config, connection: connectionName });
  // No checkpoint: a replayed record must not move the stream's position.
  const res = await options.store.upsertBatch({ streamKey: entry.source, records, source: 'poll' });
  return `${records.length} records (${res.created} created, ${res.updated} updated)`;
}

async function replayAction(entry: DlqEntry, options: ReplayOptions): Promise<string> {
  const job = entry.payload as { id?: unknown; key?: unknown };
  if (typeof job?.id === 'number' && typeof job.key === 'string') {
    await options.store.outboxRequeue(job.id);
    return `outbox job ${job.id} requeued`;
  }
  if (options.replayAction) return options.replayAction(entry);
  throw notReplayable(entry, 'it is not an outbox job');
}

function connectionOf(options: ReplayOptions, name: string, entry: DlqEntry): ConnectionInstance {
  const conn = options.connections[name];
  if (!conn) throw notReplayable(entry, `connection "${name}" is not configured (pass --config)`);
  return conn;
}

function notReplayable(entry: DlqEntry, why: string): EngineError {
  return new EngineError('DEAD_LETTER_NOT_REPLAYABLE', `dead letter ${entry.id} (${entry.kind}) cannot be replayed: ${why}`);
}
