import { WebhookVerificationError, defineWebhook, parseJsonLossless, verifySharedSecret, type WebhookRequest } from '@silta/kit';
import { parseWebhookPayload } from './payload';
import { DEFAULT_WEBHOOK_SECRET_HEADER, WEBHOOK_SECRET_FIELD } from './template';

/**
 * The part of a Freshdesk connection's config the webhook uses. `webhookSecret` may list several secrets
 * so one can be rotated without downtime.
 *
 * @example
 * const config: FreshdeskWebhookConfig = { webhookSecret: [process.env.NEW_SECRET!, process.env.OLD_SECRET!] };
 */
export interface FreshdeskWebhookConfig {
  webhookSecret?: string | string[] | undefined;
  /** Header carrying the secret; default `X-Silta-Webhook-Secret`. Matched case-insensitively. */
  webhookSecretHeader?: string | undefined;
}

/**
 * Checks a Freshdesk automation-rule request: the shared secret from the header (default
 * `X-Silta-Webhook-Secret`) or, failing that, the body's `silta_secret`, compared timing-safe with the
 * configured `webhookSecret`. Throws `WebhookVerificationError` (`WEBHOOK_SIGNATURE_MISSING` /
 * `WEBHOOK_SIGNATURE_INVALID`); a connection without a secret refuses every request.
 *
 * @example
 * verifyFreshdeskWebhook({ headers: { 'x-silta-webhook-secret': 's3cr3t' }, rawBody, url: '/hooks/freshdesk' }, { webhookSecret: 's3cr3t' });
 */
export function verifyFreshdeskWebhook(request: WebhookRequest, config: FreshdeskWebhookConfig): void {
  const secrets = config.webhookSecret;
  if (secrets === undefined || secrets.length === 0 || (Array.isArray(secrets) && secrets.every((s) => s === ''))) {
    throw new WebhookVerificationError('WEBHOOK_SIGNATURE_INVALID', 'no webhookSecret is configured for this connection, so no request can be trusted');
  }
  const wanted = (config.webhookSecretHeader ?? DEFAULT_WEBHOOK_SECRET_HEADER).toLowerCase();
  const header = Object.entries(request.headers).find(([name]) => name.toLowerCase() === wanted)?.[1];
  verifySharedSecret(header ?? secretFromBody(request.rawBody), secrets);
}

function secretFromBody(rawBody: Buffer): string | undefined {
  try {
    const body = parseJsonLossless(rawBody.toString('utf8'));
    if (body && typeof body === 'object' && !Array.isArray(body)) {
      const value = (body as Record<string, unknown>)[WEBHOOK_SECRET_FIELD];
      return typeof value === 'string' ? value : undefined;
    }
  } catch {
    // An unreadable body simply carries no secret.
  }
  return undefined;
}

/**
 * The Freshdesk webhook receiver: shared-secret verification plus `parseWebhookPayload`.
 *
 * @example
 * freshdeskWebhook.verify(request, config);
 * const records = freshdeskWebhook.parse(JSON.parse(request.rawBody.toString()), { config, connection: 'yritys-oy' });
 */
export const freshdeskWebhook = defineWebhook<FreshdeskWebhookConfig>({
  name: 'freshdesk-automation',
  verify: function verifyFreshdeskAutomation(request, config) {
    verifyFreshdeskWebhook(request, config);
  },
  parse: function parseFreshdeskAutomation(body, ctx) {
    return parseWebhookPayload(body, { connection: ctx.connection });
  },
});
