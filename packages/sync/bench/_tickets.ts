// The benches' zero-latency source: Freshdesk tickets as the API returns them, numbered from 1.
const BASE = Date.UTC(2026, 0, 1);

/** A ticket as `GET /api/v2/tickets?include=requester,stats,description` returns it (fields per the API docs). */
export function ticketPayload(id: number) {
  const at = new Date(BASE + id * 1000).toISOString().replace('.000Z', 'Z');
  return {
    cc_emails: [], fwd_emails: [], reply_cc_emails: [], fr_escalated: false, spam: false, email_config_id: null,
    group_id: 7000000 + (id % 5), priority: 1 + (id % 4), requester_id: 5000000 + (id % 9973), responder_id: 9000000 + (id % 17),
    source: 1 + (id % 3), company_id: null, status: 2 + (id % 4), subject: `Lasku ${id} ei täsmää – hyvitys?`,
    association_type: null, to_emails: null, product_id: null, id, type: 'Question', due_by: at, fr_due_by: at,
    is_escalated: false, custom_fields: { cf_asiakasnumero: String(100000 + id) }, created_at: at, updated_at: at,
    tags: ['lasku'], description: `<div>Hei, laskussa ${id} on virhe.</div>`, description_text: `Hei, laskussa ${id} on virhe.`,
    requester: { email: `asiakas${id % 9973}@esimerkki.fi`, id: 5000000 + (id % 9973), mobile: null, name: 'Äijä Öhman', phone: '+358401234567' },
    stats: { agent_responded_at: null, requester_responded_at: null, first_responded_at: at, status_updated_at: at, reopened_at: null, resolved_at: null, closed_at: null, pending_since: null },
  };
}
