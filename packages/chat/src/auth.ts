import type { IncomingMessage } from 'node:http';
import { WebhookVerificationError, verifyTimestampedSignature } from '@silta/kit';
import type { PartnerSettings } from './config';
import { PartnerApiError } from './errors';
import type { PartnerErrorCode } from './schemas/response';

/** The header naming the partner. */
export const PARTNER_HEADER = 'x-silta-partner';
/** The header carrying `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`. */
export const SIGNATURE_HEADER = 'x-silta-signature';

const CODES: Record<WebhookVerificationError['code'], PartnerErrorCode> = {
  WEBHOOK_SIGNATURE_MISSING: 'SIGNATURE_MISSING',
  WEBHOOK_SIGNATURE_MALFORMED: 'SIGNATURE_MALFORMED',
  WEBHOOK_SIGNATURE_INVALID: 'SIGNATURE_INVALID',
  WEBHOOK_TIMESTAMP_STALE: 'TIMESTAMP_STALE',
};

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Finds the partner named by `X-Silta-Partner` and checks `X-Silta-Signature` over the raw body against its
 * secrets (any of them, for rotation) within `toleranceSeconds`. Throws a 401 `PartnerApiError` otherwise.
 *
 * @example
 * const { partnerId, settings } = authenticate(req, rawBody, partners, new Date(), 300);
 */
export function authenticate(
  req: IncomingMessage, rawBody: Buffer, partners: Record<string, PartnerSettings>, now: Date, toleranceSeconds: number,
): { partnerId: string; settings: PartnerSettings } {
  const partnerId = single(req.headers[PARTNER_HEADER])?.trim();
  if (!partnerId) throw new PartnerApiError(401, 'PARTNER_UNKNOWN', 'the X-Silta-Partner header is missing');
  const settings = Object.hasOwn(partners, partnerId) ? partners[partnerId] : undefined;
  if (!settings) throw new PartnerApiError(401, 'PARTNER_UNKNOWN', `no partner "${partnerId}" is configured`);
  try {
    verifyTimestampedSignature({ header: single(req.headers[SIGNATURE_HEADER]), rawBody, secrets: settings.secrets, toleranceSeconds, now });
  } catch (error) {
    if (error instanceof WebhookVerificationError) {
      // kit's messages describe the header's shape and the clock distance only, never a secret or a MAC.
      throw new PartnerApiError(401, CODES[error.code], `X-Silta-Signature rejected for partner "${partnerId}": ${error.message}`);
    }
    throw error;
  }
  return { partnerId, settings };
}
