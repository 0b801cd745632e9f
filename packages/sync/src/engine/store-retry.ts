import type { Logger } from '@silta/kit';
import { sleep } from './scheduler';

// PostgreSQL SQLSTATEs and socket errors that mean "the connection went away", not "the query is wrong":
// admin_shutdown (pg_terminate_backend), crash_shutdown, cannot_connect_now, the 08 connection class.
const TRANSIENT_CODES = new Set([
  '57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006', '08007',
  'ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'SQLITE_BUSY', 'SQLITE_LOCKED', 'STORE_WRITER_FAILED',
]);
const TRANSIENT_MESSAGE = /connection terminated|terminating connection|connection (?:closed|lost|reset)|client has encountered a connection error|database is locked/i;

/**
 * True when an error (or one of its causes) says the database connection dropped or was busy, so retrying
 * the whole transaction is safe: an upsert is idempotent by payload hash and the checkpoint is just rewritten.
 *
 * @example
 * isTransientStoreError(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' })); // true
 */
export function isTransientStoreError(error: unknown): boolean {
  for (let e = error, depth = 0; e && depth < 6; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && TRANSIENT_CODES.has(code)) return true;
    const message = (e as { message?: unknown }).message;
    if (typeof message === 'string' && TRANSIENT_MESSAGE.test(message)) return true;
  }
  return false;
}

/**
 * Runs a store write, retrying transient failures with exponential backoff (100 ms, 200 ms, 400 ms, …).
 * Anything else, or the last failure, is rethrown.
 *
 * @example
 * const res = await withStoreRetry(() => store.upsertBatch(batch), { retries: 3, logger, what: 'upsert' });
 */
export async function withStoreRetry<T>(
  write: () => Promise<T>,
  options: { retries: number; logger: Logger; what: string; signal?: AbortSignal },
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      if (attempt >= options.retries || !isTransientStoreError(error) || options.signal?.aborted) throw error;
      const delay = 100 * 2 ** attempt;
      options.logger.warn({ what: options.what, attempt: attempt + 1, delayMs: delay, err: errorMessage(error) }, 'store write failed; retrying');
      await sleep(delay, options.signal);
    }
  }
}

/** An error's message, for logs and the run log. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string' && !error.message.includes(code) ? `${error.message} [${code}]` : error.message;
  }
  return String(error);
}
