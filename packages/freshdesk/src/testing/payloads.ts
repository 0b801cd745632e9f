import {
  iso,
  type SimAgent, type SimCompany, type SimContact, type SimConversation, type SimGroup, type SimSatisfactionRating,
  type SimTicket, type SimTimeEntry,
} from './records';

/**
 * Renders stored records field for field as the API documentation's samples show them (List All Tickets,
 * View a Ticket, List All Conversations, …). Key order follows the samples so diffs against them read easily.
 */

function structured(text: string) {
  return { description_contents: [{ type: 'text', data: { content: text } }] };
}

/** A ticket as `GET /api/v2/tickets` returns it, plus the requested embeds (`requester`, `stats`, `description`). */
export function ticketListPayload(t: SimTicket, include: ReadonlySet<string>, requester: SimContact | undefined) {
  const out: Record<string, unknown> = {
    cc_emails: t.cc_emails, fwd_emails: t.fwd_emails, reply_cc_emails: t.reply_cc_emails, fr_escalated: t.fr_escalated,
    spam: t.spam, email_config_id: t.email_config_id, group_id: t.group_id, priority: t.priority, requester_id: t.requester_id,
    responder_id: t.responder_id, source: t.source, company_id: t.company_id, status: t.status, subject: t.subject,
    association_type: null, to_emails: t.to_emails, product_id: t.product_id, id: t.id, type: t.type,
    due_by: iso(t.due_by), fr_due_by: iso(t.fr_due_by), is_escalated: t.is_escalated,
    structured_description: structured(t.description_text), custom_fields: t.custom_fields,
    created_at: iso(t.created_at), updated_at: iso(t.updated_at), tags: t.tags,
  };
  if (include.has('description')) {
    out.description = t.description;
    out.description_text = t.description_text;
  }
  if (include.has('requester')) out.requester = requesterEmbed(t, requester);
  if (include.has('stats')) out.stats = statsEmbed(t);
  return out;
}

function requesterEmbed(t: SimTicket, c: SimContact | undefined) {
  return { email: c?.email ?? null, id: t.requester_id, mobile: c?.mobile ?? null, name: c?.name ?? '', phone: c?.phone ?? null };
}

function statsEmbed(t: SimTicket) {
  return { closed_at: iso(t.stats.closed_at), resolved_at: iso(t.stats.resolved_at), first_responded_at: iso(t.stats.first_responded_at) };
}

/** A ticket in `/api/v2/search/tickets` results: the documentation's sample has no tags, association_type or description_text. */
export function ticketSearchPayload(t: SimTicket) {
  const out = ticketListPayload(t, new Set(['description']), undefined);
  delete out.tags;
  delete out.association_type;
  delete out.description_text;
  return out;
}

/** A ticket as `GET /api/v2/tickets/[id]` returns it, with `include=conversations,requester,company,stats`. */
export function ticketViewPayload(
  t: SimTicket, include: ReadonlySet<string>,
  related: { requester?: SimContact; company?: SimCompany; conversations: SimConversation[] },
) {
  const out: Record<string, unknown> = {
    cc_emails: t.cc_emails, fwd_emails: t.fwd_emails, reply_cc_emails: t.reply_cc_emails, email_config_id: t.email_config_id,
    fr_escalated: t.fr_escalated, group_id: t.group_id, priority: t.priority, requester_id: t.requester_id,
    responder_id: t.responder_id, source: t.source, spam: t.spam, status: t.status, subject: t.subject,
    company_id: t.company_id, id: t.id, type: t.type, to_emails: t.to_emails, product_id: t.product_id,
    created_at: iso(t.created_at), updated_at: iso(t.updated_at), due_by: iso(t.due_by), fr_due_by: iso(t.fr_due_by),
    is_escalated: t.is_escalated, association_type: null, description_text: t.description_text,
    structured_description: structured(t.description_text), description: t.description, custom_fields: t.custom_fields,
    tags: t.tags, attachments: [],
  };
  if (t.deleted) out.deleted = true;
  if (include.has('conversations')) out.conversations = related.conversations.slice(0, 10).map(conversationPayload);
  if (include.has('requester')) out.requester = requesterEmbed(t, related.requester);
  if (include.has('company')) out.company = related.company ? { id: related.company.id, name: related.company.name } : {};
  if (include.has('stats')) out.stats = statsEmbed(t);
  return out;
}

/** One entry of `GET /api/v2/tickets/[id]/conversations`. */
export function conversationPayload(c: SimConversation) {
  return {
    body_text: c.body_text, body: c.body, structured_body: { body_contents: [{ type: 'text', data: { content: c.body_text } }] },
    id: c.id, incoming: c.incoming, private: c.private, user_id: c.user_id, support_email: c.support_email, source: c.source,
    ticket_id: c.ticket_id, created_at: iso(c.created_at), updated_at: iso(c.updated_at), from_email: c.from_email,
    to_emails: c.to_emails, cc_emails: c.cc_emails, bcc_emails: c.bcc_emails, attachments: [],
    last_edited_at: iso(c.last_edited_at), last_edited_user_id: c.last_edited_user_id,
  };
}

/** The body `POST /api/v2/tickets/[id]/reply` answers with. */
export function replyPayload(c: SimConversation) {
  return {
    body_text: c.body_text, body: c.body, structured_body: { body_contents: [{ type: 'text', data: { content: c.body_text } }] },
    id: c.id, user_id: c.user_id, from_email: c.from_email, cc_emails: c.cc_emails, bcc_emails: c.bcc_emails,
    ticket_id: c.ticket_id, replied_to: c.replied_to ?? c.to_emails, attachments: [],
    created_at: iso(c.created_at), updated_at: iso(c.updated_at),
  };
}

/** The body `POST /api/v2/tickets/[id]/notes` answers with. */
export function notePayload(c: SimConversation) {
  return {
    body_text: c.body_text, body: c.body, structured_body: { body_contents: [{ type: 'text', data: { content: c.body_text } }] },
    id: c.id, incoming: c.incoming, private: c.private, user_id: c.user_id, support_email: c.support_email,
    ticket_id: c.ticket_id, notified_to: c.notified_to ?? [], attachments: [],
    created_at: iso(c.created_at), updated_at: iso(c.updated_at),
  };
}

/** A contact as `GET /api/v2/contacts` lists it (the list omits the view-only fields). */
export function contactListPayload(c: SimContact) {
  const out: Record<string, unknown> = {
    active: c.active, address: c.address, company_id: c.company_id, description: c.description, email: c.email, id: c.id,
    contact_type: 'contact', job_title: c.job_title, language: c.language, mobile: c.mobile, name: c.name, phone: c.phone,
    time_zone: c.time_zone, twitter_id: c.twitter_id, facebook_id: c.facebook_id, unique_external_id: c.unique_external_id,
    social_handler: [], created_at: iso(c.created_at), updated_at: iso(c.updated_at), other_companies: c.other_companies,
    custom_fields: c.custom_fields,
  };
  if (c.deleted) out.deleted = true;
  return out;
}

/** A contact as `GET /api/v2/contacts/[id]` returns it. */
export function contactViewPayload(c: SimContact) {
  const out: Record<string, unknown> = {
    active: c.active, address: c.address, company_id: c.company_id, view_all_tickets: c.view_all_tickets,
    description: c.description, email: c.email, id: c.id, contact_type: 'contact', job_title: c.job_title,
    language: c.language, mobile: c.mobile, name: c.name, phone: c.phone, time_zone: c.time_zone, twitter_id: c.twitter_id,
    facebook_id: c.facebook_id, unique_external_id: c.unique_external_id, social_handler: [], other_emails: c.other_emails,
    other_companies: c.other_companies.map((id) => ({ company_id: id, view_all_tickets: false })),
    created_at: iso(c.created_at), updated_at: iso(c.updated_at), custom_fields: c.custom_fields, tags: c.tags, avatar: null,
    devices: [],
  };
  if (c.deleted) out.deleted = true;
  return out;
}

/** A company as list and view return it. */
export function companyPayload(c: SimCompany) {
  return {
    id: c.id, name: c.name, description: c.description, domains: c.domains, note: c.note,
    created_at: iso(c.created_at), updated_at: iso(c.updated_at), custom_fields: c.custom_fields,
    health_score: c.health_score, account_tier: c.account_tier, renewal_date: iso(c.renewal_date), industry: c.industry,
  };
}

/** An agent as View an Agent returns it. */
export function agentPayload(a: SimAgent) {
  return {
    available: a.available, occasional: a.occasional, signature: a.signature, group_ids: a.group_ids, role_ids: a.role_ids,
    skill_ids: a.skill_ids, id: a.id, ticket_scope: a.ticket_scope, created_at: iso(a.created_at), updated_at: iso(a.updated_at),
    available_since: iso(a.available_since), type: a.type,
    contact: { ...a.contact, last_login_at: iso(a.contact.last_login_at), created_at: iso(a.contact.created_at), updated_at: iso(a.contact.updated_at) },
    focus_mode: a.focus_mode,
  };
}

/** A group; `agent_ids` appears on View a Group only, as in the documentation. */
export function groupPayload(g: SimGroup, view: boolean) {
  const out: Record<string, unknown> = {
    id: g.id, name: g.name, description: g.description, business_hour_id: g.business_hour_id, escalate_to: g.escalate_to,
    unassigned_for: g.unassigned_for,
  };
  if (view) out.agent_ids = g.agent_ids;
  out.auto_ticket_assign = g.auto_ticket_assign;
  out.created_at = iso(g.created_at);
  out.updated_at = iso(g.updated_at);
  return out;
}

/** One entry of View all Satisfaction Ratings. */
export function satisfactionRatingPayload(s: SimSatisfactionRating) {
  return {
    id: s.id, survey_id: s.survey_id, user_id: s.user_id, agent_id: s.agent_id, feedback: s.feedback, group_id: s.group_id,
    ticket_id: s.ticket_id, ratings: s.ratings, created_at: iso(s.created_at), updated_at: iso(s.updated_at),
  };
}

/** One entry of List All Time Entries. */
export function timeEntryPayload(t: SimTimeEntry) {
  return {
    billable: t.billable, note: t.note, timer_running: t.timer_running, id: t.id, agent_id: t.agent_id, ticket_id: t.ticket_id,
    company_id: t.company_id, time_spent: t.time_spent, created_at: iso(t.created_at), updated_at: iso(t.updated_at),
    executed_at: iso(t.executed_at), start_time: iso(t.start_time),
  };
}
