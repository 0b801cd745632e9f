import { SiltaError } from '@silta/kit';
import type { PartnerErrorCode } from './schemas/response';

/**
 * A request the partner API refuses: the HTTP `status`, a stable `code`, and for invalid bodies the `field`.
 * The message never carries a secret or a signature.
 *
 * @example
 * throw new PartnerApiError(403, 'COMPANY_FORBIDDEN', 'partner "x" may not write for company "toinen-oy"', 'company');
 */
export class PartnerApiError extends SiltaError {
  declare readonly code: PartnerErrorCode;
  readonly status: number;
  readonly field: string | undefined;
  /** Seconds to wait, for 429. */
  readonly retryAfterSeconds: number | undefined;
  constructor(status: number, code: PartnerErrorCode, message: string, field?: string, retryAfterSeconds?: number) {
    super(code, message);
    this.status = status;
    this.field = field;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** The JSON error body the API answers with. */
  toBody(): { error: { code: PartnerErrorCode; message: string; field?: string } } {
    return { error: { code: this.code, message: this.message, ...(this.field === undefined ? {} : { field: this.field }) } };
  }
}
