import type { components } from './generated/openapi';

type ErrorCode = components['schemas']['ErrorResponse']['error']['code'];

/**
 * A push the API refused or that got no answer: `status` (0 when no response came), the API's stable
 * `code` (`NETWORK` or `BAD_RESPONSE` when there was no usable answer), the `field` at fault for 400s and
 * `retryAfterSeconds` for 429. Never carries the secret or the signature.
 *
 * @example
 * catch (e) { if (e instanceof PartnerClientError && e.status === 429) await sleep(e.retryAfterSeconds! * 1000); }
 */
export class PartnerClientError extends Error {
  readonly status: number;
  readonly code: ErrorCode | 'NETWORK' | 'BAD_RESPONSE';
  readonly field: string | undefined;
  readonly retryAfterSeconds: number | undefined;
  constructor(init: { status: number; code: PartnerClientError['code']; message: string; field?: string; retryAfterSeconds?: number; cause?: unknown }) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'PartnerClientError';
    this.status = init.status;
    this.code = init.code;
    this.field = init.field;
    this.retryAfterSeconds = init.retryAfterSeconds;
  }
}
