import type { ActionContext, Logger } from '@silta/kit';
import { quietLogger } from './quiet-logger';
import type { ConnectionInstance } from '../config/types';
import type { OutboxJob, SiltaStore } from '../store/types';
import { runInBackground, type BackgroundLoop } from './background';
import { backoffDelay, isRetryable, retryAfterOf, type BackoffOptions } from './backoff';

/** What {@link deliver} needs. */
export interface DeliverOptions {
  store: SiltaStore;
  connections: Record<string, ConnectionInstance>;
  /** Attempts before a job goes to the dead-letter queue (default 6). */
  maxAttempts?: number;
  backoff?: BackoffOptions;
  /** Jobs claimed per step (default 20). */
  batchSize?: number;
  /** How long a claimed job stays ours; a crashed worker's jobs become claimable after it (default 60 s). */
  leaseMs?: number;
  logger?: Logger;
  now?: () => Date;
  signal?: AbortSignal;
  /** For tests: the source of jitter. */
  random?: () => number;
}

/** What one {@link deliver} pass did. */
export interface DeliverSummary {
  /** Jobs whose action ran and succeeded. */
  delivered: number;
  /** Jobs found already done at the vendor by `findPrevious` (an earlier attempt landed). */
  recovered: number;
  /** Jobs scheduled for another attempt. */
  retried: number;
  /** Jobs moved to the dead-letter queue. */
  deadLettered: number;
}

/**
 * Delivers every outbox job that is due: for a job attempted before it first asks the action's
 * `findPrevious` whether the earlier attempt landed (so a crash between the vendor's 201 and our bookkeeping
 * cannot post twice), then runs the action and marks the job done. Failures retry with exponential backoff;
 * after the last attempt, or on an error no retry can fix, the job goes to the dead-letter queue.
 *
 * @example
 * const summary = await deliver({ store, connections: config.connections });
 * console.log(summary.delivered, summary.deadLettered);
 */
export async function deliver(options: DeliverOptions): Promise<DeliverSummary> {
  const summary: DeliverSummary = { delivered: 0, recovered: 0, retried: 0, deadLettered: 0 };
  const now = options.now ?? (() => new Date());
  const clients = new Map<string, unknown>();
  for (;;) {
    if (options.signal?.aborted) break;
    // Every claim is an attempt, so jobs retried with no delay still run out of attempts: the loop ends.
    const jobs = await options.store.outboxClaim(options.batchSize ?? 20, now(), { leaseMs: options.leaseMs ?? 60_000 });
    if (jobs.length === 0) break;
    for (const job of jobs) await deliverJob(job, options, clients, summary, now);
  }
  return summary;
}

async function deliverJob(job: OutboxJob, options: DeliverOptions, clients: Map<string, unknown>, summary: DeliverSummary, now: () => Date): Promise<void> {
  const logger = (options.logger ?? quietLogger).child({ job: job.id, key: job.key, action: `${job.connection}.${job.action}` });
  const maxAttempts = options.maxAttempts ?? 6;
  const conn = options.connections[job.connection];
  const action = conn?.connector.actions[job.action];
  if (!conn || !action) {
    const reason = conn ? `connection "${job.connection}" (${conn.connector.system}) has no action "${job.action}"` : `connection "${job.connection}" is not configured`;
    await options.store.outboxDeadLetter(job.id, reason);
    summary.deadLettered++;
    logger.error({ reason }, 'action dead-lettered');
    return;
  }
  try {
    const input = action.input.parse(job.input);
    if (!clients.has(job.connection)) clients.set(job.connection, conn.client ?? conn.connector.createClient(conn.config, { logger }));
    // An attempt must end before its lease does, or a second worker could run the same job meanwhile.
    const leaseMs = options.leaseMs ?? 60_000;
    const deadline = AbortSignal.timeout(Math.max(1_000, leaseMs - 5_000));
    const ctx: ActionContext<unknown, unknown> = {
      config: conn.config, client: clients.get(job.connection), connection: job.connection, logger, idempotencyKey: job.key,
      signal: options.signal ? AbortSignal.any([options.signal, deadline]) : deadline,
    };
    // Attempted before: a lease that ran out (attempts > 1), or an error recorded, also on a job replayed
    // from the dead-letter queue (the replay resets attempts but keeps the last error).
    if ((job.attempts > 1 || job.lastError !== null) && action.findPrevious) {
      const previous = await action.findPrevious(ctx, input);
      if (previous !== undefined) {
        await options.store.outboxComplete(job.id, previous ?? null);
        summary.recovered++;
        logger.info({ attempts: job.attempts }, 'action had already landed; marked done');
        return;
      }
    }
    const output = await action.run(ctx, input);
    await options.store.outboxComplete(job.id, output ?? null);
    summary.delivered++;
    logger.info({ attempts: job.attempts }, 'action delivered');
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (!isRetryable(error) || job.attempts >= maxAttempts) {
      const reason = isRetryable(error) ? `failed after ${job.attempts} attempts: ${message}` : `failed and cannot succeed on retry: ${message}`;
      await options.store.outboxDeadLetter(job.id, `${job.connection}.${job.action} ${reason}`);
      summary.deadLettered++;
      logger.error({ attempts: job.attempts, reason: message }, 'action dead-lettered');
      return;
    }
    const delay = Math.max(retryAfterOf(error) ?? 0, backoffDelay(job.attempts, options.backoff, options.random));
    await options.store.outboxRetry(job.id, message, new Date(now().getTime() + delay));
    summary.retried++;
    logger.warn({ attempts: job.attempts, delayMs: delay, reason: message }, 'action failed; will retry');
  }
}

/**
 * Runs {@link deliver} in the background every `intervalMs` (default 1 s) and whenever woken.
 *
 * @example
 * const worker = startOutboxWorker({ store, connections });
 * process.on('SIGTERM', () => void worker.stop());
 */
export function startOutboxWorker(options: DeliverOptions & { intervalMs?: number; onError?: (error: unknown) => void }): BackgroundLoop {
  return runInBackground(function outboxPass(signal) {
    return deliver({ ...options, signal });
  }, options);
}
