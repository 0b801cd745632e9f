import { describe, expect, it } from 'vitest';
import { InteractionSchema } from '@silta/model';
import { parseJsonLossless } from '@silta/kit';
import { ConversationSchema, TicketSchema } from '../schemas';
import { HAVE_FIXTURES, fixtureText } from '../../test/freshdesk-fixtures';
import { conversationToInteraction, ticketToInteraction } from './to-interaction';
import { CONNECTION, finnishTicket } from '../../test/finnish-payloads';

const ctx = { connection: CONNECTION };
const conv = (over: Record<string, unknown>) =>
  ConversationSchema.parse({
    id: 77, body: '<div>Hei</div>', body_text: 'Hei Åsa, hyvitys on tehty.', incoming: false, private: false, user_id: 43007075231,
    source: 0, ticket_id: 4211, created_at: '2026-11-19T08:00:00Z', updated_at: '2026-11-19T08:00:00Z', attachments: [], ...over,
  });

describe('ticketToInteraction', () => {
  it('is the inbound opening message on the ticket channel, with a ref apart from the case', () => {
    const i = InteractionSchema.parse(ticketToInteraction(TicketSchema.parse(finnishTicket), ctx));
    expect(i).toMatchObject({ direction: 'inbound', channel: 'chat', text: 'Hei! Laskussa on veloitettu kahdesti. Terveisin Åsa', at: '2026-11-18T07:15:00Z' });
    expect(i.ref).toEqual({ system: 'freshdesk', connection: CONNECTION, type: 'ticket', id: '4211:description' });
    expect(i.caseRef?.id).toBe('4211');
    expect(i.partyRef?.id).toBe('9007199254740993');
  });

  it('treats an Outbound Email ticket as the agent writing first', () => {
    const i = ticketToInteraction(TicketSchema.parse({ ...finnishTicket, source: 10 }), ctx);
    expect(i).toMatchObject({ direction: 'outbound', channel: 'email', agent: '43007075231' });
  });

  it('falls back to structured_description when description_text is absent', () => {
    const i = ticketToInteraction(
      TicketSchema.parse({ ...finnishTicket, description_text: undefined, structured_description: { description_contents: [{ type: 'text', data: { content: 'Moi' } }] } }),
      ctx,
    );
    expect(i.text).toBe('Moi');
  });

  it('reads the HTML description when that is all there is, as in search results', () => {
    const i = ticketToInteraction(
      TicketSchema.parse({ ...finnishTicket, description_text: undefined, description: '<div>Hei!<br>Lasku &amp; kuitti</div><p>Åsa</p>' }),
      ctx,
    );
    expect(i.text).toBe('Hei!\nLasku & kuitti\nÅsa');
  });
});

describe('conversationToInteraction', () => {
  it('maps incoming ⇒ inbound from the contact, private ⇒ internal, else outbound by the agent', () => {
    const inbound = conversationToInteraction(conv({ incoming: true, user_id: 555 }), ctx);
    expect(inbound).toMatchObject({ direction: 'inbound', partyRef: { type: 'contact', id: '555' } });
    expect(inbound.agent).toBeUndefined();
    expect(conversationToInteraction(conv({ private: true, source: 2 }), ctx)).toMatchObject({ direction: 'internal', channel: 'other', agent: '43007075231' });
    expect(conversationToInteraction(conv({}), ctx)).toMatchObject({ direction: 'outbound', channel: 'email', text: 'Hei Åsa, hyvitys on tehty.' });
  });

  it('takes channel from the conversation source, and a reply from the ticket channel when the ticket is known', () => {
    expect(conversationToInteraction(conv({ source: 9 }), ctx).channel).toBe('phone');
    expect(conversationToInteraction(conv({ source: 5 }), ctx).channel).toBe('social');
    expect(conversationToInteraction(conv({ source: 11 }), ctx).channel).toBe('webshop');
    const onChat = conversationToInteraction(conv({ source: 0 }), { ...ctx, ticket: TicketSchema.parse(finnishTicket) });
    expect(onChat).toMatchObject({ channel: 'chat', team: '43000190415', partyRef: { id: '9007199254740993' } });
  });

  it('accepts the Create a Reply response, which has no incoming, private or source', () => {
    const reply = conv({ incoming: undefined, private: undefined, source: undefined });
    expect(InteractionSchema.parse(conversationToInteraction(reply, ctx))).toMatchObject({ direction: 'outbound', channel: 'email' });
  });

  it.skipIf(!HAVE_FIXTURES)('maps the documented and python-freshdesk conversations (needs ../shared/fixtures)', () => {
    const docs = ConversationSchema.array().parse(parseJsonLossless(fixtureText('docs-samples', 'list_conversations_ticket_20.json')));
    const [note] = docs.map((c) => InteractionSchema.parse(conversationToInteraction(c, ctx)));
    expect(note).toMatchObject({ direction: 'internal', text: 'Please reply as soon as possible.', caseRef: { id: '20' } });
    const py = ConversationSchema.array().parse(parseJsonLossless(fixtureText('python-freshdesk', 'conversations.json')));
    expect(py.map((c) => conversationToInteraction(c, ctx).direction)).toEqual(['internal', 'outbound']);
  });
});
