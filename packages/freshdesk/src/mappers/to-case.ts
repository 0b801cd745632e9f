import { ValidationError } from '@silta/kit';
import type { Case, CasePriority, CaseStatus } from '@silta/model';
import { TicketPriority, TicketStatus, ticketStatusName } from '../enums';
import type { Ticket } from '../schemas/ticket';
import { ticketSourceToChannel } from './channels';
import { freshdeskRef, idString, nonEmpty, optionalRef, type MapperContext } from './context';
import { toOptionalTimestamp, toTimestamp } from './timestamps';

const STATUS: Record<number, CaseStatus> = {
  [TicketStatus.Open]: 'open',
  [TicketStatus.Pending]: 'pending',
  [TicketStatus.Resolved]: 'resolved',
  [TicketStatus.Closed]: 'closed',
  // The documented custom statuses both wait on someone outside the team.
  [TicketStatus.WaitingOnCustomer]: 'pending',
  [TicketStatus.WaitingOnThirdParty]: 'pending',
};

const PRIORITY: Record<number, CasePriority> = {
  [TicketPriority.Low]: 'low',
  [TicketPriority.Medium]: 'medium',
  [TicketPriority.High]: 'high',
  [TicketPriority.Urgent]: 'urgent',
};

/**
 * The canonical status of a Freshdesk ticket status: 2 ⇒ open, 3 ⇒ pending, 4 ⇒ resolved, 5 ⇒ closed,
 * 6 and 7 (Waiting on Customer / Third Party) ⇒ pending; other custom statuses from
 * `ctx.customStatuses`, else open.
 *
 * @example
 * ticketStatusToCaseStatus(6); // 'pending'
 */
export function ticketStatusToCaseStatus(status: number, customStatuses?: Record<number, CaseStatus>): CaseStatus {
  return STATUS[status] ?? customStatuses?.[status] ?? 'open';
}

/**
 * Maps a ticket to a `Case`: status, priority and source to canonical values (the vendor's status name in
 * `vendorStatus`), tags, `group_id` ⇒ `team`, `responder_id` ⇒ `agent`, `type` ⇒ `category`, and with
 * `include=stats` the first response, resolution and closing times. Freshdesk reports only the last
 * `reopened_at`, not a count, so `reopenCount` is 1 when the ticket was ever reopened (a lower bound).
 *
 * @example
 * const c = ticketToCase(TicketSchema.parse(body), { connection: 'yritys-oy' });
 * c.status; // 'open'
 */
export function ticketToCase(ticket: Ticket, ctx: MapperContext): Case {
  const priority = PRIORITY[ticket.priority];
  if (!priority) {
    throw new ValidationError({ issues: [{ path: 'priority', message: `must be 1, 2, 3 or 4, got ${ticket.priority}` }], payload: ticket });
  }
  const stats = ticket.stats ?? undefined;
  const result: Case = {
    entity: 'case',
    ref: freshdeskRef(ctx, 'ticket', ticket.id),
    partyRef: freshdeskRef(ctx, 'contact', ticket.requester_id),
    status: ticketStatusToCaseStatus(ticket.status, ctx.customStatuses),
    vendorStatus: ticketStatusName(ticket.status) ?? String(ticket.status),
    priority,
    channel: ticketSourceToChannel(ticket.source),
    subject: ticket.subject ?? '',
    tags: [...(ticket.tags ?? [])],
    createdAt: toTimestamp(ticket.created_at, 'created_at', ticket),
    updatedAt: toTimestamp(ticket.updated_at, 'updated_at', ticket),
    reopenCount: stats?.reopened_at ? 1 : 0,
    raw: ticket,
  };
  const optional: Partial<Case> = {
    organisationRef: optionalRef(ctx, 'company', ticket.company_id),
    team: idString(ticket.group_id),
    agent: idString(ticket.responder_id),
    category: nonEmpty(ticket.type),
    dueAt: toOptionalTimestamp(ticket.due_by, 'due_by', ticket),
    firstResponseAt: toOptionalTimestamp(stats?.first_responded_at, 'stats.first_responded_at', ticket),
    resolvedAt: toOptionalTimestamp(stats?.resolved_at, 'stats.resolved_at', ticket),
    closedAt: toOptionalTimestamp(stats?.closed_at, 'stats.closed_at', ticket),
    deleted: ticket.deleted === true ? true : undefined,
  };
  for (const [key, value] of Object.entries(optional)) {
    if (value !== undefined) (result as Record<string, unknown>)[key] = value;
  }
  return result;
}
