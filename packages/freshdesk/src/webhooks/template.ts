/**
 * The header Silta reads the shared secret from, unless the connection names another.
 *
 * @example
 * headers[DEFAULT_WEBHOOK_SECRET_HEADER.toLowerCase()];
 */
export const DEFAULT_WEBHOOK_SECRET_HEADER = 'X-Silta-Webhook-Secret';

/**
 * The body field Silta reads the shared secret from when the header is absent.
 *
 * @example
 * body[WEBHOOK_SECRET_FIELD]; // 'silta_secret'
 */
export const WEBHOOK_SECRET_FIELD = 'silta_secret';

/**
 * The JSON body to paste into a Freshdesk automation rule's "Trigger webhook" action (Content: JSON,
 * Advanced). Every placeholder sits inside quotes so the body stays valid JSON when one renders empty;
 * `parseWebhookPayload` turns the strings back into numbers. Freshdesk renders `{{ticket.status}}`,
 * `{{ticket.priority}}` and `{{ticket.source}}` as names ("Open", "High", "Email"), which the parser reads.
 *
 * Replace `REPLACE_WITH_SHARED_SECRET` with the connection's `webhookSecret`, or delete the `silta_secret`
 * line and send the secret in the `X-Silta-Webhook-Secret` header instead (preferred: it keeps the secret
 * out of the body). Set `event` per rule (`ticket_created` on a ticket-creation rule, `ticket_updated` on an
 * update rule). `requester.id` and the `*_at` fields are optional: when a placeholder is missing in your
 * account, remove the line and Silta falls back (no party record; receipt time).
 *
 * @example
 * console.log(JSON.stringify(RECOMMENDED_WEBHOOK_TEMPLATE, null, 2)); // paste into the rule
 */
export const RECOMMENDED_WEBHOOK_TEMPLATE = {
  silta_secret: 'REPLACE_WITH_SHARED_SECRET',
  event: 'ticket_updated',
  ticket: {
    id: '{{ticket.id}}',
    subject: '{{ticket.subject}}',
    status: '{{ticket.status}}',
    priority: '{{ticket.priority}}',
    source: '{{ticket.source}}',
    type: '{{ticket.ticket_type}}',
    tags: '{{ticket.tags}}',
    url: '{{ticket.url}}',
    group_name: '{{ticket.group.name}}',
    agent_name: '{{ticket.agent.name}}',
    agent_email: '{{ticket.agent.email}}',
    requester: {
      id: '{{ticket.requester.id}}',
      name: '{{ticket.requester.name}}',
      email: '{{ticket.requester.email}}',
      phone: '{{ticket.requester.phone}}',
      mobile: '{{ticket.requester.mobile}}',
    },
  },
} as const;

/**
 * The template as pretty-printed JSON text, ready to paste.
 *
 * @example
 * console.log(RECOMMENDED_WEBHOOK_TEMPLATE_JSON);
 */
export const RECOMMENDED_WEBHOOK_TEMPLATE_JSON = JSON.stringify(RECOMMENDED_WEBHOOK_TEMPLATE, null, 2);
