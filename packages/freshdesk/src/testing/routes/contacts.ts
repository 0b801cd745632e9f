import { SimApiError, notFound, validationError } from '../api-error';
import { contactListPayload, contactViewPayload } from '../payloads';
import type { SimContact } from '../records';
import {
  allowFields, allowParams, asObject, idField, paginate, route, stringArray, stringField, timeParam, type Route, type RouteContext,
} from './shared';

const CONTACT_FIELDS = ['name', 'email', 'phone', 'mobile', 'twitter_id', 'social_handler', 'unique_external_id', 'other_emails',
  'company_id', 'view_all_tickets', 'other_companies', 'address', 'avatar', 'custom_fields', 'description', 'job_title',
  'language', 'tags', 'time_zone', 'lookup_parameter'];
const UNIQUE = ['email', 'twitter_id', 'unique_external_id'] as const;

function contactOr404(ctx: RouteContext, id = Number(ctx.params.id)): SimContact {
  const c = ctx.state.contacts.get(id);
  if (!c || c.deleted) throw notFound();
  return c;
}

function checkUnique(ctx: RouteContext, body: Record<string, unknown>, selfId?: number): void {
  for (const field of UNIQUE) {
    const v = body[field];
    if (typeof v !== 'string') continue;
    const clash = [...ctx.state.contacts.values()].find((c) => c.id !== selfId && !c.deleted
      && String(c[field] ?? '').toLowerCase() === v.toLowerCase());
    if (clash) {
      throw new SimApiError(409, { description: 'Validation failed', errors: [{ field, message: `It should be a unique value`, code: 'duplicate_value', additional_info: { user_id: clash.id } }] });
    }
  }
}

function listContacts(ctx: RouteContext) {
  // The documentation lists `updated_since` for contacts (not `_updated_since`); anything else is a 400.
  allowParams(ctx.query, ['email', 'mobile', 'phone', 'company_id', 'state', 'contact_type', 'updated_since', 'page', 'per_page']);
  const since = timeParam(ctx.query, 'updated_since');
  const state = ctx.query.get('state');
  let list = [...ctx.state.contacts.values()].filter((c) => (state === 'deleted' ? c.deleted : !c.deleted));
  if (state === 'verified') list = list.filter((c) => c.active);
  if (state === 'unverified') list = list.filter((c) => !c.active);
  if (since !== undefined) list = list.filter((c) => c.updated_at >= since);
  for (const key of ['email', 'mobile', 'phone'] as const) {
    const v = ctx.query.get(key);
    if (v) list = list.filter((c) => (c[key] ?? '').toLowerCase() === v.toLowerCase());
  }
  const company = ctx.query.get('company_id');
  if (company) list = list.filter((c) => String(c.company_id) === company);
  const { page, headers } = paginate(ctx, list);
  return { status: 200, headers, body: page.map(contactListPayload) };
}

function applyContact(c: SimContact, body: Record<string, unknown>): void {
  for (const key of ['name', 'email', 'phone', 'mobile', 'twitter_id', 'unique_external_id', 'address', 'description', 'job_title', 'language', 'time_zone'] as const) {
    if (body[key] !== undefined) (c as unknown as Record<string, unknown>)[key] = stringField(body, key) ?? null;
  }
  if (body.other_emails !== undefined) c.other_emails = stringArray(body, 'other_emails') ?? [];
  if (body.tags !== undefined) c.tags = stringArray(body, 'tags') ?? [];
  if (body.company_id !== undefined) c.company_id = idField(body, 'company_id') ?? null;
  if (body.view_all_tickets !== undefined) c.view_all_tickets = Boolean(body.view_all_tickets);
  if (body.custom_fields !== undefined) c.custom_fields = { ...c.custom_fields, ...(body.custom_fields as SimContact['custom_fields']) };
}

function createContact(ctx: RouteContext) {
  const body = asObject(ctx.body);
  allowFields(body, CONTACT_FIELDS);
  if (!stringField(body, 'name')) throw validationError('name', 'It should be a/an String', 'missing_field');
  if (!body.email && !body.phone && !body.mobile && !body.twitter_id && !body.unique_external_id && !body.social_handler) {
    throw validationError('email', 'Please fill at least 1 of email, mobile, phone, twitter_id, unique_external_id fields', 'missing_field');
  }
  checkUnique(ctx, body);
  const at = ctx.now();
  const c: SimContact = {
    id: ctx.state.nextId('contact'), name: '', email: null, other_emails: [], phone: null, mobile: null, twitter_id: null,
    facebook_id: null, unique_external_id: null, company_id: null, view_all_tickets: false, other_companies: [], address: null,
    description: null, job_title: null, language: 'en', time_zone: 'Helsinki', tags: [], custom_fields: {}, active: false,
    deleted: false, created_at: at, updated_at: at,
  };
  applyContact(c, body);
  ctx.state.contacts.set(c.id, c);
  return { status: 201, body: contactViewPayload(c) };
}

function updateContact(ctx: RouteContext) {
  const c = contactOr404(ctx);
  const body = asObject(ctx.body);
  allowFields(body, CONTACT_FIELDS);
  checkUnique(ctx, body, c.id);
  applyContact(c, body);
  c.updated_at = ctx.now();
  return { status: 200, body: contactViewPayload(c) };
}

function mergeContacts(ctx: RouteContext) {
  const body = asObject(ctx.body);
  allowFields(body, ['primary_contact_id', 'secondary_contact_ids', 'contact']);
  const primaryId = idField(body, 'primary_contact_id');
  if (!primaryId) throw validationError('primary_contact_id', 'It should be a/an Positive Integer', 'missing_field');
  const secondary = body.secondary_contact_ids;
  if (!Array.isArray(secondary) || secondary.length === 0 || secondary.some((x) => typeof x !== 'number')) {
    throw validationError('secondary_contact_ids', 'It should be a/an Array of Positive Integer', 'missing_field');
  }
  const primary = contactOr404(ctx, primaryId);
  const others = (secondary as number[]).map((id) => contactOr404(ctx, id));
  const at = ctx.now();
  for (const o of others) {
    for (const email of [o.email, ...o.other_emails]) {
      if (email && email !== primary.email && !primary.other_emails.includes(email)) primary.other_emails.push(email);
    }
    primary.phone ??= o.phone;
    primary.mobile ??= o.mobile;
    o.deleted = true;
    o.updated_at = at;
    for (const t of ctx.state.tickets.values()) if (t.requester_id === o.id) { t.requester_id = primary.id; t.updated_at = at; }
  }
  if (body.contact !== undefined) {
    const attrs = asObject(body.contact);
    allowFields(attrs, ['email', 'phone', 'mobile', 'twitter_id', 'unique_external_id', 'other_emails', 'company_ids']);
    applyContact(primary, attrs);
  }
  primary.updated_at = at;
  ctx.state.ticketsChanged();
  return { status: 204 };
}

/** Contacts: list (with the documented `updated_since`), view, create, update, merge. */
export const contactRoutes: Route[] = [
  route('GET', '/api/v2/contacts', listContacts),
  route('POST', '/api/v2/contacts', createContact),
  route('POST', '/api/v2/contacts/merge', mergeContacts),
  route('GET', '/api/v2/contacts/:id', (ctx) => { allowParams(ctx.query, []); return { status: 200, body: contactViewPayload(contactOr404(ctx)) }; }),
  route('PUT', '/api/v2/contacts/:id', updateContact),
];
