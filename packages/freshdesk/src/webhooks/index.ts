export {
  RECOMMENDED_WEBHOOK_TEMPLATE,
  RECOMMENDED_WEBHOOK_TEMPLATE_JSON,
  DEFAULT_WEBHOOK_SECRET_HEADER,
  WEBHOOK_SECRET_FIELD,
} from './template';
export { WebhookPayloadSchema, parseWebhookPayload } from './payload';
export type { WebhookPayload, WebhookParseContext } from './payload';
export { freshdeskWebhook, verifyFreshdeskWebhook } from './freshdesk-webhook';
export type { FreshdeskWebhookConfig } from './freshdesk-webhook';
