import type { StoreErrorCode } from './types';

/**
 * The one error the store throws. `code` is stable; the message never contains a password.
 *
 * @example
 * try { await store.outboxComplete(999, null); }
 * catch (err) { if (err instanceof StoreError && err.code === 'STORE_NOT_FOUND') console.log('no such job'); }
 */
export class StoreError extends Error {
  readonly code: StoreErrorCode;
  constructor(code: StoreErrorCode, message: string, options?: { cause?: unknown }) {
    super(redactSecrets(message), options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'StoreError';
    this.code = code;
  }
}

/**
 * Replaces the password in any `scheme://user:password@host` inside a text, and `password=...` pairs, with `***`.
 *
 * @example
 * redactSecrets('connect to postgres://app:hunter2@db/silta failed'); // 'connect to postgres://app:***@db/silta failed'
 */
export function redactSecrets(text: string): string {
  return text
    .replace(/([a-z][a-z0-9+.-]*:\/\/[^:/@\s]*):[^@\s]*@/gi, '$1:***@')
    .replace(/(password\s*=\s*)[^\s&;]+/gi, '$1***');
}

/** Throws `STORE_INVALID_INPUT` naming the field and what is wrong with its value. */
export function invalid(field: string, problem: string): never {
  throw new StoreError('STORE_INVALID_INPUT', `${field} ${problem}`);
}
