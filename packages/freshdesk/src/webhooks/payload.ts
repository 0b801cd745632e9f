import { ValidationError, parseWithSchema } from '@silta/kit';
import type { Case, CanonicalRecord, CasePriority } from '@silta/model';
import { z } from 'zod';
import { TicketPriority, TicketSource, TicketStatus, ticketStatusName } from '../enums';
import { ticketSourceToChannel } from '../mappers/channels';
import { freshdeskRef, nonEmpty, type MapperContext } from '../mappers/context';
import { ticketStatusToCaseStatus } from '../mappers/to-case';
import { requesterToParty } from '../mappers/to-party';
import { toTimestamp } from '../mappers/timestamps';
import { WEBHOOK_SECRET_FIELD } from './template';

/** A rendered placeholder that came out empty means "no value". */
const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const text = z.preprocess(blankToUndefined, z.string().optional());
const trimBlank = (v: unknown) => (typeof v === 'string' ? blankToUndefined(v.trim()) : v);
const ID_MESSAGE = 'must be a Freshdesk id (a number or a string of digits)';
const idValue = z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/, ID_MESSAGE)], { error: ID_MESSAGE });
const id = z.preprocess(trimBlank, idValue);
const optionalId = z.preprocess(trimBlank, idValue.optional());
/** A code that may arrive as a number, a numeric string, or Freshdesk's display name for it. */
const CODE_MESSAGE = 'must be a number or the name Freshdesk shows for it';
const codeValue = z.union([z.number().int(), z.string()], { error: CODE_MESSAGE });
const code = z.preprocess(trimBlank, codeValue);
const optionalCode = z.preprocess(trimBlank, codeValue.optional());

/**
 * The body `RECOMMENDED_WEBHOOK_TEMPLATE` produces, read leniently: ids as numbers or digit strings,
 * status / priority / source as numbers or names, tags as an array or a comma-separated string.
 *
 * @example
 * WebhookPayloadSchema.parse({ ticket: { id: '4211', status: 'Open', priority: 'High' } });
 */
export const WebhookPayloadSchema = z.looseObject({
  event: text,
  ticket: z.looseObject({
    id,
    subject: text,
    status: code,
    priority: code,
    source: optionalCode,
    type: text,
    tags: z.preprocess(blankToUndefined, z.union([z.array(z.string()), z.string()]).optional()),
    url: text,
    group_id: optionalId,
    responder_id: optionalId,
    company_id: optionalId,
    created_at: text,
    updated_at: text,
    requester: z
      .looseObject({
        id: optionalId,
        name: text,
        email: text,
        phone: text,
        mobile: text,
      })
      .optional(),
  }),
});
export type WebhookPayload = z.infer<typeof WebhookPayloadSchema>;

/**
 * What `parseWebhookPayload` needs: the connection, and the time the request arrived (default: now).
 *
 * @example
 * parseWebhookPayload(body, { connection: 'yritys-oy', receivedAt: new Date() });
 */
export interface WebhookParseContext extends MapperContext {
  receivedAt?: Date;
}

const STATUS_BY_NAME = byName(TicketStatus);
const PRIORITY_BY_NAME = byName(TicketPriority);
const SOURCE_BY_NAME = byName(TicketSource);
const PRIORITY: Record<number, CasePriority> = { 1: 'low', 2: 'medium', 3: 'high', 4: 'urgent' };

/**
 * Turns a verified automation-rule body into canonical records: the ticket's `Case` and, when the body
 * names the requester's id, the requester's `PartyRecord`. Status, priority and source may be numbers or
 * the names Freshdesk's placeholders render. Times come from `created_at` / `updated_at` when the body
 * carries ISO timestamps, else the receipt time. The `silta_secret` field never reaches `raw`. Throws
 * `ValidationError` naming the field (`ticket.priority: …`).
 *
 * @example
 * const [kase, party] = parseWebhookPayload(JSON.parse(body), { connection: 'yritys-oy' });
 */
export function parseWebhookPayload(body: unknown, ctx: WebhookParseContext): CanonicalRecord[] {
  const clean = withoutSecret(body);
  const payload = parseWithSchema(WebhookPayloadSchema, clean, { operation: 'freshdesk webhook' });
  const t = payload.ticket;
  const fail = (path: string, message: string) => new ValidationError({ issues: [{ path: `ticket.${path}`, message }], payload: clean, operation: 'freshdesk webhook' });

  const statusNumber = resolveCode(t.status, STATUS_BY_NAME);
  const status = statusNumber === undefined ? 'open' : ticketStatusToCaseStatus(statusNumber, ctx.customStatuses);
  const vendorStatus = typeof t.status === 'string' && statusNumber === undefined ? t.status : ticketStatusName(statusNumber) ?? String(t.status);
  const priorityNumber = resolveCode(t.priority, PRIORITY_BY_NAME);
  const priority = priorityNumber === undefined ? undefined : PRIORITY[priorityNumber];
  if (!priority) throw fail('priority', `must be 1–4 or Low, Medium, High, Urgent, got ${JSON.stringify(t.priority)}`);
  const sourceNumber = t.source === undefined ? undefined : resolveCode(t.source, SOURCE_BY_NAME);

  const received = (ctx.receivedAt ?? new Date()).toISOString();
  const updatedAt = t.updated_at ? toTimestamp(t.updated_at, 'ticket.updated_at', clean) : received;
  const createdAt = t.created_at ? toTimestamp(t.created_at, 'ticket.created_at', clean) : updatedAt;
  const tags = typeof t.tags === 'string' ? t.tags.split(',').map((s) => s.trim()).filter((s) => s !== '') : [...(t.tags ?? [])];

  const kase: Case = {
    entity: 'case',
    ref: freshdeskRef(ctx, 'ticket', t.id),
    status,
    vendorStatus,
    priority,
    channel: sourceNumber === undefined ? 'other' : ticketSourceToChannel(sourceNumber),
    subject: t.subject ?? '',
    tags,
    createdAt,
    updatedAt,
    reopenCount: 0,
    raw: clean,
  };
  if (t.group_id !== undefined) kase.team = String(t.group_id);
  if (t.responder_id !== undefined) kase.agent = String(t.responder_id);
  if (t.company_id !== undefined) kase.organisationRef = freshdeskRef(ctx, 'company', t.company_id);
  const category = nonEmpty(t.type);
  if (category) kase.category = category;

  const records: CanonicalRecord[] = [kase];
  const requester = t.requester;
  if (requester?.id !== undefined) {
    kase.partyRef = freshdeskRef(ctx, 'contact', requester.id);
    records.push(
      requesterToParty(
        { id: requester.id, name: requester.name ?? null, email: requester.email ?? null, phone: requester.phone ?? null, mobile: requester.mobile ?? null },
        updatedAt,
        ctx,
      ),
    );
  }
  return records;
}

function withoutSecret(body: unknown): unknown {
  if (body === null || typeof body !== 'object' || Array.isArray(body) || !(WEBHOOK_SECRET_FIELD in body)) return body;
  const { [WEBHOOK_SECRET_FIELD]: _secret, ...rest } = body as Record<string, unknown>;
  return rest;
}

function byName(table: Record<string, number>): Map<string, number> {
  const map = new Map<string, number>();
  for (const [key, value] of Object.entries(table)) {
    // `WaitingOnCustomer` ⇒ `waiting on customer`, the way the placeholder renders it.
    map.set(key.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase(), value);
  }
  return map;
}

function resolveCode(value: number | string, names: Map<string, number>): number | undefined {
  if (typeof value === 'number') return value;
  if (/^\d+$/.test(value)) return Number(value);
  return names.get(value.trim().replace(/\s+/g, ' ').toLowerCase());
}
