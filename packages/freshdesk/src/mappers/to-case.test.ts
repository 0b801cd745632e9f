import { describe, expect, it } from 'vitest';
import { CaseSchema } from '@silta/model';
import { ValidationError, parseJsonLossless } from '@silta/kit';
import { TicketSchema } from '../schemas';
import { HAVE_FIXTURES, fixtureText } from '../../test/freshdesk-fixtures';
import { ticketStatusToCaseStatus, ticketToCase } from './to-case';
import { CONNECTION, finnishTicket } from '../../test/finnish-payloads';

const ctx = { connection: CONNECTION };

describe('ticketToCase', () => {
  const c = ticketToCase(TicketSchema.parse(finnishTicket), ctx);

  it('produces a valid Case with canonical status, priority and channel, keeping the vendor status name', () => {
    expect(CaseSchema.parse(c)).toBeTruthy();
    expect(c).toMatchObject({ status: 'pending', vendorStatus: 'Waiting on Customer', priority: 'high', channel: 'chat' });
    expect(c.subject).toBe('Lasku 2026-0042 on väärin');
  });

  it('links requester, company, group and agent, keeping ids beyond 2^53 exact', () => {
    expect(c.partyRef).toEqual({ system: 'freshdesk', connection: CONNECTION, type: 'contact', id: '9007199254740993' });
    expect(c.organisationRef?.id).toBe('7');
    expect(c.team).toBe('43000190415');
    expect(c.agent).toBe('43007075231');
    expect(c.category).toBe('Laskutus');
    expect(c.tags).toEqual(['lasku', 'hyvitys']);
  });

  it('reads first response, resolution and reopen from include=stats', () => {
    expect(c.firstResponseAt).toBe('2026-11-18T09:00:00Z');
    expect(c.resolvedAt).toBeUndefined();
    expect(c.reopenCount).toBe(1);
    expect(c.dueAt).toBe('2026-11-21T07:15:00Z');
    const resolved = ticketToCase(
      TicketSchema.parse({ ...finnishTicket, status: 5, stats: { ...finnishTicket.stats, reopened_at: null, resolved_at: '2026-11-21T10:00:00Z', closed_at: '2026-11-22T10:00:00Z' } }),
      ctx,
    );
    expect(resolved).toMatchObject({ status: 'closed', resolvedAt: '2026-11-21T10:00:00Z', closedAt: '2026-11-22T10:00:00Z', reopenCount: 0 });
  });

  it('maps every documented status and files unknown custom statuses as told', () => {
    expect([2, 3, 4, 5, 6, 7].map((s) => ticketStatusToCaseStatus(s))).toEqual(['open', 'pending', 'resolved', 'closed', 'pending', 'pending']);
    expect(ticketStatusToCaseStatus(12)).toBe('open');
    const custom = ticketToCase(TicketSchema.parse({ ...finnishTicket, status: 12 }), { ...ctx, customStatuses: { 12: 'resolved' } });
    expect(custom).toMatchObject({ status: 'resolved', vendorStatus: '12' });
  });

  it('throws ValidationError naming priority when it is not 1–4', () => {
    const bad = TicketSchema.parse({ ...finnishTicket, priority: 9 });
    expect(() => ticketToCase(bad, ctx)).toThrow(ValidationError);
    expect(() => ticketToCase(bad, ctx)).toThrow(/priority: must be 1, 2, 3 or 4, got 9/);
  });

  it.skipIf(!HAVE_FIXTURES)('maps the python-freshdesk ticket with stats and requester (needs ../shared/fixtures)', () => {
    const ticket = TicketSchema.parse(parseJsonLossless(fixtureText('python-freshdesk', 'ticket_1.json')));
    const mapped = CaseSchema.parse(ticketToCase(ticket, ctx));
    expect(mapped).toMatchObject({
      status: 'open', priority: 'low', channel: 'portal', category: 'Question', tags: ['foo', 'bar'],
      firstResponseAt: '2020-06-17T20:23:43Z', resolvedAt: '2020-07-24T15:35:21Z', agent: '6010396333',
    });
    expect(mapped.partyRef?.id).toBe('6012691534');
  });
});
