import { CaseSchema, InteractionSchema, PartyRecordSchema } from '@silta/model';
import { describe, expect, it } from 'vitest';
import { pushConversationExample as example } from '../examples';
import type { Message } from '../schemas/request';
import { chatRef } from './refs';
import { conversationToCase } from './to-case';
import { messageToInteraction } from './to-interaction';
import { visitorToParty } from './to-party';

const partnerId = 'asiakaspalvelu-ab';
const caseRef = chatRef(partnerId, 'conversation', 'yritys-oy', example.conversation.id);
const partyRef = chatRef(partnerId, 'visitor', 'yritys-oy', example.visitor.id);
const ctx = { partnerId, company: 'yritys-oy', conversationId: example.conversation.id, caseRef, partyRef };

describe('chat mappers', () => {
  it('produce records the canonical model accepts', () => {
    const party = visitorToParty(example.visitor, { partnerId, ref: partyRef, seenAt: example.conversation.endedAt, firstSeenAt: example.conversation.startedAt });
    expect(PartyRecordSchema.parse(party).language).toBe('fi');
    expect(CaseSchema.parse(conversationToCase(example.conversation, { ...ctx, ref: caseRef, messages: example.messages })).closedAt).toBe(example.conversation.endedAt);
    for (const m of example.messages) expect(InteractionSchema.safeParse(messageToInteraction(m, ctx)).success).toBe(true);
  });

  it('mark bot and system lines automated and internal notes internal', () => {
    const base = { at: '2026-11-15T09:12:03+02:00', text: 'x' };
    const cases: [Message, string, boolean][] = [
      [{ ...base, id: 'b', from: 'bot' }, 'outbound', true],
      [{ ...base, id: 's', from: 'system' }, 'internal', true],
      [{ ...base, id: 'n', from: 'agent', agent: { name: 'Liisa' }, internal: true }, 'internal', false],
      [{ ...base, id: 'v', from: 'visitor', attachments: [{ filename: 'kuitti.pdf', contentType: 'application/pdf', size: 1200 }] }, 'inbound', false],
    ];
    for (const [message, direction, automated] of cases) {
      const i = messageToInteraction(message, ctx);
      expect([i.direction, i.automated]).toEqual([direction, automated]);
    }
    expect(messageToInteraction(cases[3]![0], ctx).attachments).toEqual([{ filename: 'kuitti.pdf', contentType: 'application/pdf', size: 1200 }]);
  });

  it('keep identifiers from earlier chats when a later push gives fewer', () => {
    const first = visitorToParty(example.visitor, { partnerId, ref: partyRef, seenAt: '2026-11-15T09:18:40+02:00', firstSeenAt: '2026-11-15T09:12:03+02:00' });
    const later = visitorToParty({ id: example.visitor.id, phone: '+358 40 765 4321' }, { partnerId, ref: partyRef, seenAt: '2026-11-20T10:00:00+02:00', firstSeenAt: '2026-11-20T10:00:00+02:00', existing: first });
    expect(later.identifiers.map((i) => i.value)).toEqual(['asiakaspalvelu-ab:vis-8812', '+358407654321', 'anssi.makela@example.fi', '0401234567', 'YO-100234']);
    expect(later.name.full).toBe('Anssi Mäkelä');
    expect([later.createdAt, later.updatedAt]).toEqual(['2026-11-15T09:12:03+02:00', '2026-11-20T10:00:00+02:00']);
  });

  it('name a conversation without a subject after the visitor\'s first words', () => {
    const { subject: _s, ...conversation } = example.conversation;
    const long = [{ id: 'm', at: example.conversation.startedAt, from: 'visitor' as const, text: `Hei,   ${'paita '.repeat(30)}` }];
    const kase = conversationToCase(conversation, { ...ctx, ref: caseRef, messages: long });
    expect(kase.subject.startsWith('Hei, paita paita')).toBe(true);
    expect(kase.subject.length).toBe(80);
    expect(kase.status).toBe('closed');
  });
});
