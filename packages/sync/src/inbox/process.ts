import type { Logger } from '@silta/kit';
import { quietLogger } from '../outbox/quiet-logger';
import type { ConnectionInstance } from '../config/types';
import { runInBackground, type BackgroundLoop } from '../outbox/background';
import type { InboxItem, SiltaStore } from '../store/types';

/** What {@link processInbox} needs. */
export interface ProcessInboxOptions {
  store: SiltaStore;
  connections: Record<string, ConnectionInstance>;
  /** Items claimed per step (default 100). */
  batchSize?: number;
  /** How long a claim holds before another processor may take the item (default 30 s). */
  leaseMs?: number;
  logger?: Logger;
  signal?: AbortSignal;
  /** Called after each batch's records are stored, e.g. to wake the rules router. */
  onStored?: (count: number) => void;
}

/** What one {@link processInbox} pass did. */
export interface ProcessInboxSummary {
  /** Inbox items mapped and stored. */
  processed: number;
  /** Canonical records they produced. */
  records: number;
  /** Items that could not be mapped and went to the dead-letter queue. */
  deadLettered: number;
}

/**
 * The stream key webhook records are filed under: `<system>:<connection>:webhook:<webhook>`.
 *
 * @example
 * webhookStreamKey('freshdesk', 'helpdesk', 'ticket'); // 'freshdesk:helpdesk:webhook:ticket'
 */
export function webhookStreamKey(system: string, connection: string, webhook: string): string {
  return `${system}:${connection}:webhook:${webhook}`;
}

/**
 * Processes accepted webhooks: claims inbox items, maps each body with its webhook's `parse` and upserts the
 * records with source `webhook` (the store keeps a newer version over an older one, whichever way it
 * came). An item that cannot be mapped goes to the dead-letter queue with the reason; a store failure leaves
 * the item claimed, so it is retried when the claim runs out.
 *
 * @example
 * const summary = await processInbox({ store, connections: config.connections });
 */
export async function processInbox(options: ProcessInboxOptions): Promise<ProcessInboxSummary> {
  const summary: ProcessInboxSummary = { processed: 0, records: 0, deadLettered: 0 };
  const logger = options.logger ?? quietLogger;
  for (;;) {
    if (options.signal?.aborted) break;
    const items = await options.store.inboxClaim(options.batchSize ?? 100, { leaseMs: options.leaseMs ?? 30_000 });
    if (items.length === 0) break;
    for (const item of items) {
      await processItem(item, options, summary, logger);
      // SQLite calls block the event loop; yielding between items lets webhooks keep being answered.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }
  return summary;
}

async function processItem(item: InboxItem, options: ProcessInboxOptions, summary: ProcessInboxSummary, logger: Logger): Promise<void> {
  const conn = options.connections[item.connection];
  const webhook = conn?.connector.webhooks[item.webhook];
  let records;
  try {
    if (!conn || !webhook) {
      throw new Error(conn ? `connection "${item.connection}" has no webhook "${item.webhook}"` : `connection "${item.connection}" is not configured`);
    }
    records = webhook.parse(JSON.parse(item.body) as unknown, { config: conn.config, connection: item.connection });
  } catch (error) {
    await deadLetter(item, error, options, summary, logger);
    return;
  }
  let result;
  try {
    result = await options.store.upsertBatch({ streamKey: webhookStreamKey(conn.connector.system, item.connection, item.webhook), records, source: 'webhook' });
  } catch (error) {
    // Records the store refuses are the payload's fault; anything else (a database outage) is not: the
    // claim runs out and the item is tried again.
    if ((error as { code?: unknown }).code !== 'STORE_INVALID_INPUT') throw error;
    await deadLetter(item, error, options, summary, logger);
    return;
  }
  await options.store.inboxComplete(item.id);
  summary.processed++;
  summary.records += records.length;
  options.onStored?.(result.events.length);
  logger.debug({ inbox: item.id, created: result.created, updated: result.updated, stale: result.skippedStale }, 'webhook processed');
}

async function deadLetter(item: InboxItem, error: unknown, options: ProcessInboxOptions, summary: ProcessInboxSummary, logger: Logger): Promise<void> {
  const reason = `webhook ${item.connection}/${item.webhook} could not be mapped: ${error instanceof Error ? error.message : String(error)}`;
  await options.store.dlqAdd({
    kind: 'webhook',
    reason,
    source: `inbox:${item.id}`,
    payload: { inboxId: item.id, connection: item.connection, webhook: item.webhook, connector: item.connector, headers: item.headers, body: item.body, receivedAt: item.receivedAt },
  });
  await options.store.inboxFail(item.id, reason);
  summary.deadLettered++;
  logger.warn({ inbox: item.id, reason }, 'webhook dead-lettered');
}

/**
 * Runs {@link processInbox} in the background; `wake()` it after each accepted webhook.
 *
 * @example
 * const processor = startInboxProcessor({ store, connections });
 * processor.wake();
 */
export function startInboxProcessor(options: ProcessInboxOptions & { intervalMs?: number; debounceMs?: number; onError?: (error: unknown) => void }): BackgroundLoop {
  return runInBackground(function inboxPass(signal) {
    return processInbox({ ...options, signal });
  }, options);
}
