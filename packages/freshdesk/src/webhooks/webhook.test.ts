import { describe, expect, it } from 'vitest';
import { CanonicalRecordSchema } from '@silta/model';
import { ValidationError, WebhookVerificationError } from '@silta/kit';
import type { RECOMMENDED_WEBHOOK_TEMPLATE } from './index';
import {
  RECOMMENDED_WEBHOOK_TEMPLATE_JSON,
  freshdeskWebhook,
  parseWebhookPayload,
  verifyFreshdeskWebhook,
} from './index';

const ctx = { connection: 'yritys-oy', receivedAt: new Date('2026-11-22T10:00:00Z') };
const SECRET = 'kissa-istuu-puussa-42';

/** What Freshdesk sends after filling the recommended template's placeholders. */
function rendered(over: Record<string, unknown> = {}, requester: Record<string, unknown> = {}) {
  return {
    silta_secret: SECRET,
    event: 'ticket_updated',
    ticket: {
      id: '4211', subject: 'Lasku 2026-0042 on väärin', status: 'Waiting on Customer', priority: 'High', source: 'Chat',
      type: 'Laskutus', tags: 'lasku, hyvitys', url: 'https://yritys.freshdesk.com/helpdesk/tickets/4211',
      group_name: 'Laskutus', agent_name: 'Matti Meikäläinen', agent_email: 'matti@yritys.fi',
      requester: { id: '9007199254740993', name: 'Åsa Äijälä', email: 'Asa.Aijala@Esimerkki.FI', phone: '', mobile: '+358 40 123 4567', ...requester },
      ...over,
    },
  };
}

function request(body: unknown, headers: Record<string, string> = {}) {
  return { headers, rawBody: Buffer.from(JSON.stringify(body)), url: '/hooks/freshdesk' };
}

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return e instanceof WebhookVerificationError ? e.code : `other: ${String(e)}`;
  }
  return undefined;
}

describe('RECOMMENDED_WEBHOOK_TEMPLATE', () => {
  it('is valid JSON using Freshdesk placeholders, with a place for the secret', () => {
    const parsed = JSON.parse(RECOMMENDED_WEBHOOK_TEMPLATE_JSON) as typeof RECOMMENDED_WEBHOOK_TEMPLATE;
    expect(parsed.ticket.id).toBe('{{ticket.id}}');
    expect(parsed.ticket.requester.email).toBe('{{ticket.requester.email}}');
    expect(parsed.silta_secret).toBe('REPLACE_WITH_SHARED_SECRET');
  });
});

describe('parseWebhookPayload', () => {
  it('turns the rendered template into a Case and the requester PartyRecord', () => {
    const records = parseWebhookPayload(rendered(), ctx).map((r) => CanonicalRecordSchema.parse(r));
    const [kase, party] = records;
    expect(kase).toMatchObject({
      entity: 'case', ref: { type: 'ticket', id: '4211' }, status: 'pending', vendorStatus: 'Waiting on Customer', priority: 'high',
      channel: 'chat', tags: ['lasku', 'hyvitys'], category: 'Laskutus', partyRef: { type: 'contact', id: '9007199254740993' },
      updatedAt: '2026-11-22T10:00:00.000Z',
    });
    expect(party).toMatchObject({ entity: 'party', ref: { id: '9007199254740993' }, name: { full: 'Åsa Äijälä' } });
    expect(party?.entity === 'party' && party.identifiers.map((i) => i.value)).toEqual(['asa.aijala@esimerkki.fi', '+358401234567']);
  });

  it('accepts numbers as well as names, and ISO timestamps when the body has them', () => {
    const [kase] = parseWebhookPayload(rendered({ status: 4, priority: '1', source: 1, created_at: '2026-11-18T07:15:00Z', updated_at: '2026-11-21T07:15:00Z' }), ctx);
    expect(kase).toMatchObject({ status: 'resolved', vendorStatus: 'Resolved', priority: 'low', channel: 'email', createdAt: '2026-11-18T07:15:00Z', updatedAt: '2026-11-21T07:15:00Z' });
  });

  it('keeps an unknown custom status name as the vendor status', () => {
    const [kase] = parseWebhookPayload(rendered({ status: 'Odottaa osaa' }), ctx);
    expect(kase).toMatchObject({ status: 'open', vendorStatus: 'Odottaa osaa' });
  });

  it('emits only the Case when the requester id placeholder is absent or empty', () => {
    const records = parseWebhookPayload(rendered({}, { id: '' }), ctx);
    expect(records.map((r) => r.entity)).toEqual(['case']);
  });

  it('never keeps the shared secret in the record', () => {
    const [kase] = parseWebhookPayload(rendered(), ctx);
    expect(JSON.stringify(kase)).not.toContain(SECRET);
  });

  it('names the field that is wrong, without echoing the secret', () => {
    const noId = () => parseWebhookPayload(rendered({ id: '' }), ctx);
    expect(noId).toThrow(ValidationError);
    expect(noId).toThrow(/ticket\.id/);
    expect(() => parseWebhookPayload(rendered({ priority: 'Kiireellinen' }), ctx)).toThrow(/ticket\.priority: must be 1–4/);
    expect(() => parseWebhookPayload(rendered({ id: 'abc' }), ctx)).toThrow(/ticket\.id/);
    try {
      parseWebhookPayload(rendered({ id: '' }), ctx);
    } catch (e) {
      expect(String((e as Error).message)).not.toContain(SECRET);
      expect(JSON.stringify((e as ValidationError).payload)).not.toContain(SECRET);
    }
  });
});

describe('verifyFreshdeskWebhook / freshdeskWebhook', () => {
  const config = { webhookSecret: SECRET };
  const { silta_secret: _omit, ...bodyWithoutSecret } = rendered();

  it('accepts the secret in the X-Silta-Webhook-Secret header, matched case-insensitively', () => {
    expect(codeOf(() => freshdeskWebhook.verify(request(bodyWithoutSecret, { 'x-silta-webhook-secret': SECRET }), config))).toBeUndefined();
    expect(codeOf(() => verifyFreshdeskWebhook(request(bodyWithoutSecret, { 'X-Custom': SECRET }), { ...config, webhookSecretHeader: 'x-custom' }))).toBeUndefined();
  });

  it('accepts the secret in the body when no header is sent', () => {
    expect(codeOf(() => verifyFreshdeskWebhook(request(rendered()), config))).toBeUndefined();
  });

  it('rejects a wrong or missing secret with WebhookVerificationError', () => {
    expect(codeOf(() => verifyFreshdeskWebhook(request(bodyWithoutSecret, { 'x-silta-webhook-secret': 'arvaus' }), config))).toBe('WEBHOOK_SIGNATURE_INVALID');
    expect(codeOf(() => verifyFreshdeskWebhook(request(rendered({}, {})), { webhookSecret: 'toinen' }))).toBe('WEBHOOK_SIGNATURE_INVALID');
    expect(codeOf(() => verifyFreshdeskWebhook(request(bodyWithoutSecret), config))).toBe('WEBHOOK_SIGNATURE_MISSING');
    expect(codeOf(() => verifyFreshdeskWebhook({ headers: {}, rawBody: Buffer.from('{not json'), url: '/' }, config))).toBe('WEBHOOK_SIGNATURE_MISSING');
  });

  it('refuses everything when the connection has no secret configured', () => {
    expect(codeOf(() => verifyFreshdeskWebhook(request(rendered()), {}))).toBe('WEBHOOK_SIGNATURE_INVALID');
  });

  it('accepts any of several secrets during rotation', () => {
    expect(codeOf(() => verifyFreshdeskWebhook(request(bodyWithoutSecret, { 'x-silta-webhook-secret': SECRET }), { webhookSecret: ['uusi', SECRET] }))).toBeUndefined();
  });

  it('parses through the definition with the connection name', () => {
    const records = freshdeskWebhook.parse(rendered(), { config, connection: 'toinen-oy' });
    expect(records[0]?.ref.connection).toBe('toinen-oy');
  });
});
