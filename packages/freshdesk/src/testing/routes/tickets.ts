import { notFound, validationError } from '../api-error';
import {
  conversationPayload, notePayload, replyPayload, ticketListPayload, ticketViewPayload, timeEntryPayload,
} from '../payloads';
import type { SimContact, SimConversation, SimTicket } from '../records';
import {
  allowFields, allowParams, asObject, htmlToText, idField, includes, oneOf, paginate, route, stringArray, stringField,
  timeParam, type Route, type RouteContext,
} from './shared';

const DAY = 86_400_000;
/**
 * "A maximum of 300 pages (30000 tickets) will be returned."
 *
 * @example
 * fetch(`${sim.url}/api/v2/tickets?updated_since=2000-01-01&page=${TICKET_PAGE_CAP + 1}`); // 400 on `page`
 */
export const TICKET_PAGE_CAP = 300;
const STATUSES = [2, 3, 4, 5];
const PRIORITIES = [1, 2, 3, 4];
const SOURCES = [1, 2, 3, 7, 9, 10];
const ORDER_BY = ['created_at', 'due_by', 'updated_at', 'status'] as const;
const TICKET_WRITE_FIELDS = ['name', 'requester_id', 'email', 'facebook_id', 'phone', 'twitter_id', 'unique_external_id',
  'subject', 'type', 'status', 'priority', 'description', 'responder_id', 'cc_emails', 'custom_fields', 'due_by',
  'email_config_id', 'fr_due_by', 'group_id', 'parent_id', 'product_id', 'source', 'tags', 'company_id',
  'internal_agent_id', 'internal_group_id', 'lookup_parameter'];

function ticketOr404(ctx: RouteContext): SimTicket {
  const t = ctx.state.tickets.get(Number(ctx.params.id));
  if (!t || t.deleted) throw notFound();
  return t;
}

function listTickets(ctx: RouteContext) {
  allowParams(ctx.query, ['filter', 'requester_id', 'email', 'unique_external_id', 'company_id', 'updated_since',
    'order_by', 'order_type', 'include', 'page', 'per_page']);
  const include = includes(ctx.query, ['requester', 'stats', 'description']);
  const orderBy = ctx.query.get('order_by') ?? 'created_at';
  if (!(ORDER_BY as readonly string[]).includes(orderBy)) throw validationError('order_by', `It should be one of these values: '${ORDER_BY.join(',')}'`, 'invalid_value');
  const orderType = ctx.query.get('order_type') ?? 'desc';
  if (orderType !== 'asc' && orderType !== 'desc') throw validationError('order_type', "It should be one of these values: 'asc,desc'", 'invalid_value');
  const since = timeParam(ctx.query, 'updated_since');
  let list = ctx.state.sortedTickets(orderBy as (typeof ORDER_BY)[number], orderType);
  if (since !== undefined) {
    if (orderBy === 'updated_at' && orderType === 'asc') {
      let lo = 0;
      let hi = list.length;
      while (lo < hi) { const mid = (lo + hi) >> 1; if ((list[mid] as SimTicket).updated_at < since) lo = mid + 1; else hi = mid; }
      list = list.slice(lo);
    } else {
      list = list.filter((t) => t.updated_at >= since);
    }
  } else {
    // "By default, only tickets that have been created within the past 30 days will be returned."
    const from = ctx.now() - 30 * DAY;
    list = list.filter((t) => t.created_at >= from);
  }
  const requesterId = ctx.query.get('requester_id');
  if (requesterId) list = list.filter((t) => String(t.requester_id) === requesterId);
  const companyId = ctx.query.get('company_id');
  if (companyId) list = list.filter((t) => String(t.company_id) === companyId);
  const email = ctx.query.get('email');
  if (email) list = list.filter((t) => ctx.state.contacts.get(t.requester_id)?.email?.toLowerCase() === email.toLowerCase());
  const { page, headers } = paginate(ctx, list, { maxPages: TICKET_PAGE_CAP });
  for (const t of page) ctx.state.ticketServeCount.set(t.id, (ctx.state.ticketServeCount.get(t.id) ?? 0) + 1);
  return { status: 200, headers, body: page.map((t) => ticketListPayload(t, include, ctx.state.contacts.get(t.requester_id))) };
}

function viewTicket(ctx: RouteContext) {
  allowParams(ctx.query, ['include']);
  const include = includes(ctx.query, ['conversations', 'requester', 'company', 'stats']);
  const t = ticketOr404(ctx);
  return {
    status: 200,
    body: ticketViewPayload(t, include, {
      requester: ctx.state.contacts.get(t.requester_id),
      company: t.company_id ? ctx.state.companies.get(t.company_id) : undefined,
      conversations: ctx.state.conversationsByTicket.get(t.id) ?? [],
    }),
  };
}

function findOrCreateRequester(ctx: RouteContext, body: Record<string, unknown>): SimContact {
  const requesterId = idField(body, 'requester_id');
  if (requesterId) {
    const c = ctx.state.contacts.get(requesterId);
    if (!c) throw validationError('requester_id', 'There is no contact matching the given requester_id', 'invalid_value');
    return c;
  }
  const email = stringField(body, 'email');
  const phone = stringField(body, 'phone');
  const match = [...ctx.state.contacts.values()].find((c) => !c.deleted && ((email && c.email?.toLowerCase() === email.toLowerCase())
    || (phone && c.phone === phone) || (body.unique_external_id && c.unique_external_id === body.unique_external_id)
    || (body.twitter_id && c.twitter_id === body.twitter_id)));
  if (match) return match;
  if (!email && !phone && !body.twitter_id && !body.unique_external_id && !body.facebook_id) {
    throw validationError('requester_id', 'Please fill at least 1 of requester_id, phone, email, twitter_id, facebook_id, unique_external_id fields', 'missing_field');
  }
  if (body.facebook_id) throw validationError('facebook_id', 'There is no contact matching the given facebook_id', 'invalid_value');
  const name = stringField(body, 'name');
  if (phone && !email && !name) throw validationError('name', 'It should be a/an String', 'missing_field');
  const at = ctx.now();
  const contact: SimContact = {
    id: ctx.state.nextId('contact'), name: name ?? email ?? phone ?? 'Unknown', email: email ?? null, other_emails: [],
    phone: phone ?? null, mobile: null, twitter_id: (body.twitter_id as string | undefined) ?? null, facebook_id: null,
    unique_external_id: (body.unique_external_id as string | undefined) ?? null, company_id: null, view_all_tickets: false,
    other_companies: [], address: null, description: null, job_title: null, language: 'fi', time_zone: 'Helsinki', tags: [],
    custom_fields: {}, active: false, deleted: false, created_at: at, updated_at: at,
  };
  ctx.state.contacts.set(contact.id, contact);
  return contact;
}

function validateTicketWrite(ctx: RouteContext, body: Record<string, unknown>): void {
  allowFields(body, TICKET_WRITE_FIELDS);
  oneOf(body, 'status', STATUSES);
  oneOf(body, 'priority', PRIORITIES);
  oneOf(body, 'source', SOURCES);
  stringArray(body, 'tags');
  stringArray(body, 'cc_emails');
  const group = idField(body, 'group_id');
  if (group && !ctx.state.groups.has(group)) throw validationError('group_id', 'There is no group matching the given group_id', 'invalid_value');
  const agent = idField(body, 'responder_id');
  if (agent && !ctx.state.agents.has(agent)) throw validationError('responder_id', 'There is no agent matching the given responder_id', 'invalid_value');
  if (body.custom_fields !== undefined && (typeof body.custom_fields !== 'object' || body.custom_fields === null || Array.isArray(body.custom_fields))) {
    throw validationError('custom_fields', 'It should be a/an key/value pair', 'datatype_mismatch');
  }
}

function applyStatus(t: SimTicket, status: number, at: number): void {
  if (status === t.status) return;
  t.status = status;
  if (status === 4) t.stats.resolved_at = at;
  if (status === 5) { t.stats.closed_at = at; t.stats.resolved_at ??= at; }
}

function createTicket(ctx: RouteContext) {
  const body = asObject(ctx.body);
  validateTicketWrite(ctx, body);
  const requester = findOrCreateRequester(ctx, body);
  const at = ctx.now();
  const description = stringField(body, 'description') ?? '';
  const t: SimTicket = {
    id: ctx.state.nextId('ticket'), subject: stringField(body, 'subject') ?? '', description, description_text: htmlToText(description),
    status: 2, priority: (body.priority as number | undefined) ?? 1, source: (body.source as number | undefined) ?? 2,
    type: stringField(body, 'type') ?? null, requester_id: requester.id, responder_id: idField(body, 'responder_id') ?? null,
    group_id: idField(body, 'group_id') ?? null, company_id: idField(body, 'company_id') ?? requester.company_id,
    product_id: idField(body, 'product_id') ?? null, email_config_id: idField(body, 'email_config_id') ?? null,
    tags: stringArray(body, 'tags') ?? [], cc_emails: stringArray(body, 'cc_emails') ?? [], fwd_emails: [],
    reply_cc_emails: stringArray(body, 'cc_emails') ?? [], to_emails: null, fr_escalated: false, spam: false, is_escalated: false,
    deleted: false, custom_fields: (body.custom_fields as SimTicket['custom_fields'] | undefined) ?? {},
    due_by: at + 3 * DAY, fr_due_by: at + DAY, created_at: at, updated_at: at,
    stats: { first_responded_at: null, resolved_at: null, closed_at: null },
  };
  applyStatus(t, (body.status as number | undefined) ?? 2, at);
  ctx.state.tickets.set(t.id, t);
  ctx.state.ticketsChanged();
  return { status: 201, body: ticketViewPayload(t, new Set(), { conversations: [] }) };
}

function updateTicket(ctx: RouteContext) {
  const t = ticketOr404(ctx);
  const body = asObject(ctx.body);
  validateTicketWrite(ctx, body);
  const at = ctx.now();
  if (body.requester_id !== undefined || body.email !== undefined || body.phone !== undefined) t.requester_id = findOrCreateRequester(ctx, body).id;
  if (body.subject !== undefined) t.subject = stringField(body, 'subject') ?? '';
  if (body.description !== undefined) { t.description = stringField(body, 'description') ?? ''; t.description_text = htmlToText(t.description); }
  if (body.type !== undefined) t.type = stringField(body, 'type') ?? null;
  if (body.priority !== undefined) t.priority = body.priority as number;
  if (body.source !== undefined) t.source = body.source as number;
  if (body.group_id !== undefined) t.group_id = idField(body, 'group_id') ?? null;
  if (body.responder_id !== undefined) t.responder_id = idField(body, 'responder_id') ?? null;
  if (body.tags !== undefined) t.tags = stringArray(body, 'tags') ?? [];
  if (body.custom_fields !== undefined) t.custom_fields = { ...t.custom_fields, ...(body.custom_fields as SimTicket['custom_fields']) };
  if (body.status !== undefined) applyStatus(t, body.status as number, at);
  t.updated_at = at;
  ctx.state.ticketsChanged();
  return { status: 200, body: ticketViewPayload(t, new Set(), { conversations: [] }) };
}

function listConversations(ctx: RouteContext) {
  allowParams(ctx.query, ['page', 'per_page']);
  const t = ticketOr404(ctx);
  const list = [...(ctx.state.conversationsByTicket.get(t.id) ?? [])].sort((a, b) => a.created_at - b.created_at || a.id - b.id);
  const { page, headers } = paginate(ctx, list);
  return { status: 200, headers, body: page.map(conversationPayload) };
}

function addConversation(ctx: RouteContext, kind: 'reply' | 'note') {
  const t = ticketOr404(ctx);
  const body = asObject(ctx.body);
  allowFields(body, kind === 'reply'
    ? ['body', 'structured_body', 'attachments', 'from_email', 'user_id', 'cc_emails', 'bcc_emails']
    : ['attachments', 'body', 'structured_body', 'incoming', 'notify_emails', 'private', 'user_id']);
  const html = stringField(body, 'body');
  if (!html && body.structured_body === undefined) throw validationError('body', 'It should be a/an String', 'missing_field');
  for (const flag of ['private', 'incoming']) {
    if (body[flag] !== undefined && typeof body[flag] !== 'boolean') throw validationError(flag, `Value set is of type ${typeof body[flag]}.It should be a/an Boolean`, 'datatype_mismatch');
  }
  const userId = idField(body, 'user_id') ?? t.responder_id ?? [...ctx.state.agents.keys()][0] ?? 1;
  const at = ctx.now();
  const requester = ctx.state.contacts.get(t.requester_id);
  const text = html ? htmlToText(html) : '';
  const c: SimConversation = kind === 'reply'
    ? {
        id: ctx.state.nextId('conversation'), ticket_id: t.id, body: html ?? '', body_text: text, incoming: false, private: false,
        user_id: userId, support_email: 'tuki@yritys.fi', source: 0, from_email: stringField(body, 'from_email') ?? 'tuki@yritys.fi',
        to_emails: requester?.email ? [requester.email] : [], cc_emails: stringArray(body, 'cc_emails') ?? [],
        bcc_emails: stringArray(body, 'bcc_emails') ?? [], replied_to: requester?.email ? [requester.email] : [],
        last_edited_at: null, last_edited_user_id: null, created_at: at, updated_at: at,
      }
    : {
        id: ctx.state.nextId('conversation'), ticket_id: t.id, body: html ?? '', body_text: text,
        incoming: (body.incoming as boolean | undefined) ?? false, private: (body.private as boolean | undefined) ?? true,
        user_id: userId, support_email: null, source: 2, from_email: null, to_emails: stringArray(body, 'notify_emails') ?? [],
        cc_emails: [], bcc_emails: [], notified_to: stringArray(body, 'notify_emails') ?? [],
        last_edited_at: null, last_edited_user_id: null, created_at: at, updated_at: at,
      };
  ctx.state.addConversation(c);
  if (kind === 'reply') t.stats.first_responded_at ??= at;
  t.updated_at = at;
  ctx.state.ticketsChanged();
  return { status: 201, body: kind === 'reply' ? replyPayload(c) : notePayload(c) };
}

function ticketTimeEntries(ctx: RouteContext) {
  allowParams(ctx.query, ['page', 'per_page']);
  const t = ticketOr404(ctx);
  const { page, headers } = paginate(ctx, ctx.state.timeEntries.filter((e) => e.ticket_id === t.id));
  return { status: 200, headers, body: page.map(timeEntryPayload) };
}

/** Tickets, their conversations (list, reply, note) and time entries. */
export const ticketRoutes: Route[] = [
  route('GET', '/api/v2/tickets', listTickets),
  route('POST', '/api/v2/tickets', createTicket),
  route('GET', '/api/v2/tickets/:id', viewTicket),
  route('PUT', '/api/v2/tickets/:id', updateTicket),
  route('GET', '/api/v2/tickets/:id/conversations', listConversations),
  route('POST', '/api/v2/tickets/:id/reply', (ctx) => addConversation(ctx, 'reply')),
  route('POST', '/api/v2/tickets/:id/notes', (ctx) => addConversation(ctx, 'note')),
  route('GET', '/api/v2/tickets/:id/time_entries', ticketTimeEntries),
];
