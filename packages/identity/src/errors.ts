/** Stable codes of {@link IdentityError}. */
export type IdentityErrorCode =
  | 'identity/invalid-value'
  | 'identity/erased'
  | 'identity/unknown-person'
  | 'identity/unknown-record'
  | 'identity/missing-hash-key'
  | 'identity/bad-mapping'
  | 'identity/missing-column'
  | 'identity/unreadable-file'
  | 'identity/invalid-settings';

/**
 * The one error type `@silta/identity` throws; `code` is stable, `message` names the field and the problem
 * and never contains a national id or a hash key.
 *
 * @example
 * try { await resolver.explain('p-missing'); } catch (e) { if (e instanceof IdentityError) e.code; }
 */
export class IdentityError extends Error {
  override readonly name = 'IdentityError';
  readonly code: IdentityErrorCode;
  readonly field: string | undefined;

  constructor(code: IdentityErrorCode, message: string, options: { field?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.field = options.field;
  }
}

/**
 * What every normaliser returns: the normalised value, or the reason the input is not acceptable.
 *
 * @example
 * const r = normaliseEmail('not-an-email');
 * if (!r.ok) console.log(r.reason); // 'has no "@"'
 */
export type Normalised<T> = { ok: true; value: T } | { ok: false; reason: string };

/** Builds a successful {@link Normalised}. @example ok('x').ok; // true */
export function ok<T>(value: T): Normalised<T> {
  return { ok: true, value };
}

/** Builds a failed {@link Normalised}. @example fail('is empty').reason; // 'is empty' */
export function fail<T = never>(reason: string): Normalised<T> {
  return { ok: false, reason };
}
