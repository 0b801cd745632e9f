import { describe, expect, it } from 'vitest';
import type { Case, ContextPacket } from '@silta/model';
import type { ActionDefinition } from '@silta/kit';
import { act, actionsOf, anyOf, caseOpened, caseStatusChanged, contextNote, interactionReceived, not, route } from '../src/rules/index';
import { RuleDefinitionError } from '../src/rules/errors';
import { assertRules } from '../src/rules/route';
import type { RuleChange, RuleReader } from '../src/rules/types';
import { renderContextNoteHtml } from '../src/context/render-note';
import { renderContextEmail } from '../src/context/render-email';
import { idempotencyKeyFor } from '../src/outbox/idempotency-key';

const ref = (id: string) => ({ system: 'freshdesk', connection: 'helpdesk', type: 'ticket', id });
const reader = {} as RuleReader;

function ticket(over: Partial<Case> = {}): Case {
  return {
    entity: 'case', ref: ref('1'), status: 'open', priority: 'medium', channel: 'email', subject: 'Hei', tags: [],
    createdAt: '2026-11-01T10:00:00Z', updatedAt: '2026-11-01T10:00:00Z', reopenCount: 0, ...over,
  };
}
function created(after: Case): RuleChange {
  return { seq: 1, kind: 'created', ref: after.ref, before: null, after };
}

describe('caseOpened', () => {
  const invoice = caseOpened({ tags: ['lasku'], words: ['lasku', 'invoice', 'hyvitys'] });

  it('fires for a new ticket tagged as an invoice question', async () => {
    expect(await invoice.test(created(ticket({ tags: ['Lasku'] })), reader)).toBe(true);
  });

  it('fires for a ticket worded as one, including Finnish inflections and the description', async () => {
    expect(await invoice.test(created(ticket({ subject: 'Kysymys laskusta 2026-0042' })), reader)).toBe(true);
    expect(await invoice.test(created(ticket({ subject: 'Help', raw: { description_text: 'I want a HYVITYS for my order' } })), reader)).toBe(true);
  });

  it('does not fire for an unrelated ticket, an update, or a closed one', async () => {
    expect(await invoice.test(created(ticket({ subject: 'Toimitus myöhässä' })), reader)).toBe(false);
    const t = ticket({ subject: 'lasku' });
    expect(await invoice.test({ seq: 2, kind: 'updated', ref: t.ref, before: t, after: { ...t, priority: 'high' } }, reader)).toBe(false);
    expect(await invoice.test(created(ticket({ subject: 'lasku', status: 'closed' })), reader)).toBe(false);
  });

  it('fires again when a resolved ticket is reopened', async () => {
    const before = ticket({ subject: 'lasku', status: 'resolved' });
    expect(await invoice.test({ seq: 3, kind: 'updated', ref: before.ref, before, after: { ...before, status: 'open' } }, reader)).toBe(true);
  });

  it('matches words only at the start of a word', async () => {
    expect(await caseOpened({ words: ['lasku'] }).test(created(ticket({ subject: 'Etälaskuri rikki' })), reader)).toBe(false);
  });
});

describe('other predicates', () => {
  it('caseStatusChanged fires on the transition only', async () => {
    const p = caseStatusChanged({ to: ['resolved'] });
    const t = ticket();
    expect(await p.test({ seq: 1, kind: 'updated', ref: t.ref, before: t, after: { ...t, status: 'resolved' } }, reader)).toBe(true);
    const r = ticket({ status: 'resolved' });
    expect(await p.test({ seq: 2, kind: 'updated', ref: r.ref, before: r, after: { ...r, priority: 'high' } }, reader)).toBe(false);
  });

  it('interactionReceived skips automated mail and filters by channel', async () => {
    const base = { entity: 'interaction' as const, ref: ref('9'), channel: 'chat' as const, direction: 'inbound' as const, at: '2026-11-01T10:00:00Z', text: 'lasku', automated: false };
    const p = interactionReceived({ channels: ['chat'], words: ['lasku'] });
    expect(await p.test({ seq: 1, kind: 'created', ref: base.ref, before: null, after: base }, reader)).toBe(true);
    expect(await p.test({ seq: 1, kind: 'created', ref: base.ref, before: null, after: { ...base, automated: true } }, reader)).toBe(false);
    expect(await p.test({ seq: 1, kind: 'created', ref: base.ref, before: null, after: { ...base, channel: 'email' } }, reader)).toBe(false);
  });

  it('anyOf and not combine predicates', async () => {
    const change = created(ticket({ tags: ['spam'] }));
    expect(await anyOf(caseOpened({ tags: ['lasku'] }), caseOpened({ tags: ['spam'] })).test(change, reader)).toBe(true);
    expect(await not(caseOpened({ tags: ['spam'] })).test(change, reader)).toBe(false);
  });
});

describe('route()', () => {
  it('builds a frozen rule that reads like the config', () => {
    const rule = route('invoice questions to billing')
      .when(caseOpened({ tags: ['lasku'] }))
      .handoffTo('Laskutus')
      .deliver(act('helpdesk', 'updateTicket', { group: 'Laskutus' }), act('helpdesk', 'addNote', contextNote()));
    expect(rule.name).toBe('invoice questions to billing');
    expect(rule.reason).toBe('invoice questions to billing');
    expect(rule.toTeam).toBe('Laskutus');
    expect(rule.deliver.map((s) => s.label)).toEqual(['helpdesk.updateTicket', 'helpdesk.addNote']);
    expect(Object.isFrozen(rule)).toBe(true);
  });

  it('types each action\u2019s input from the connector, checked when the config compiles', () => {
    const helpdesk = actionsOf<{ addNote: ActionDefinition<unknown, unknown, { ticketId: string; body: string }, unknown> }>('helpdesk');
    const step = helpdesk.addNote((ctx) => ({ ticketId: ctx.case?.ref.id ?? '', body: 'x' }));
    expect(step).toMatchObject({ connection: 'helpdesk', action: 'addNote', label: 'helpdesk.addNote' });
    // @ts-expect-error body is required by the action's input type
    helpdesk.addNote({ ticketId: '1' });
  });

  it('rejects a rule without a name, a trigger or actions, and duplicate names', () => {
    expect(() => route(' ')).toThrow(RuleDefinitionError);
    expect(() => route('x').when()).toThrow(/at least one predicate/);
    expect(() => route('x').when(caseOpened()).deliver()).toThrow(/at least one action/);
    const r = route('x').when(caseOpened()).deliver(act('a', 'b', {}));
    expect(() => assertRules([r, r])).toThrow(/two rules are named "x"/);
  });
});

describe('idempotencyKeyFor', () => {
  it('is stable for the same rule, record and version and differs otherwise', () => {
    const k = idempotencyKeyFor('r', ref('1'), 'v1');
    expect(idempotencyKeyFor('r', ref('1'), 'v1')).toBe(k);
    expect(idempotencyKeyFor('r', 'freshdesk:helpdesk:ticket:1', 'v1')).toBe(k);
    expect(new Set([k, idempotencyKeyFor('r', ref('2'), 'v1'), idempotencyKeyFor('r', ref('1'), 'v2'), idempotencyKeyFor('r2', ref('1'), 'v1'), idempotencyKeyFor('r', ref('1'), 'v1', '1:x')]).size).toBe(5);
    expect(k).toMatch(/^sk_[0-9a-f]{32}$/);
  });
});

describe('context renderers', () => {
  const packet: ContextPacket = {
    person: { id: 'p_1', name: { full: 'Anssi Mäkelä' }, identifiers: [{ kind: 'email', value: 'anssi@example.fi', raw: 'Anssi@Example.fi', source: ref('c1') }] },
    reason: 'Invoice question',
    case: ticket({ subject: '<script>alert(1)</script> lasku' }),
    timeline: [{ entity: 'interaction', ref: { system: 'chat', connection: 'partner', type: 'message', id: 'm1' }, channel: 'chat', direction: 'inbound', at: '2026-10-30T09:15:00Z', text: 'Missä hyvitys?', automated: false }],
    orders: [], invoices: [],
    openCases: [ticket({ ref: ref('7'), subject: 'Palautus', status: 'pending' })],
    links: [{ label: 'freshdesk ticket 1', ref: ref('1') }],
    generatedAt: '2026-11-01T10:00:00Z',
  };

  it('renders a Freshdesk note with the person, cross-channel history and open cases, escaping customer text', () => {
    const html = renderContextNoteHtml(packet);
    expect(html).toContain('Anssi Mäkelä');
    expect(html).toContain('2026-10-30 09:15 · chat · inbound · chat · Missä hyvitys?');
    expect(html).toContain('freshdesk #7 · pending · Palautus');
    const withScript = renderContextNoteHtml({ ...packet, reason: '<b>x</b>' });
    expect(withScript).toContain('&lt;b&gt;x&lt;/b&gt;');
  });

  it('renders a plain-text email with a subject naming the reason and the person', () => {
    const mail = renderContextEmail(packet);
    expect(mail.subject).toContain('Invoice question: Anssi Mäkelä');
    expect(mail.text).toContain('email: Anssi@Example.fi');
    expect(mail.text).toMatch(/2026-10-30 09:15 {2}chat {4}inbound {2}chat/);
  });
});
