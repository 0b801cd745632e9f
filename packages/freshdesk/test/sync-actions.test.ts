import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpError } from '@silta/kit';
import {
  addNote, createContact, createTicket, mergeContacts, reply, searchContacts, searchTickets, updateContact, updateTicket, viewTicket,
} from '../src/actions';
import { markerHtml } from '../src/actions/marker';
import { contactQuery, ticketQuery } from '../src/search';
import type { FreshdeskSimulator } from '../src/testing';
import { actionCtx, clientFor, startSim } from './sync-helpers';

let sim: FreshdeskSimulator;
beforeAll(async () => { sim = await startSim({ tickets: 80, seed: 21 }); });
afterAll(() => sim.stop());

describe('addNote exactly once', () => {
  it('adds a private note by default carrying the idempotency marker', async () => {
    const client = clientFor(sim);
    const note = await addNote.run(actionCtx(client, 'rule-1:ticket-5:v1'), { ticketId: 5, note: addNote.input.parse({ ticketId: 5, note: { body: '<p>Laskutus hoitaa</p>' } }).note });
    expect(note.private).toBe(true);
    expect(sim.state.notesByMarker().get('rule-1:ticket-5:v1')).toBe(1);
  });

  it('does not write twice when the 201 is lost after the note was saved', async () => {
    const client = clientFor(sim);
    sim.state.failNext({ method: 'POST', path: '/notes', mode: 'drop', afterCommit: true });
    const input = addNote.input.parse({ ticketId: 6, note: { body: '<p>Asiakas soitti</p>' } });
    const note = await addNote.run(actionCtx(client, 'rule-2:ticket-6:v1'), input);
    expect(note.ticket_id).toBe(6);
    expect(sim.state.counters.faults.scripted).toBeGreaterThanOrEqual(1);
    expect(sim.state.notesByMarker().get('rule-2:ticket-6:v1')).toBe(1);
  });

  it('findPrevious finds the earlier note after a crash, and nothing for another key', async () => {
    const client = clientFor(sim);
    const input = addNote.input.parse({ ticketId: 7, note: { body: 'crash test' } });
    // The process died after the note reached Freshdesk: the note exists, nobody saw the 201.
    await client.http.post('/tickets/7/notes', { json: { body: `crash test${markerHtml('rule-3:ticket-7:v1')}` } });
    const previous = await addNote.findPrevious!(actionCtx(client, 'rule-3:ticket-7:v1'), input);
    expect(previous?.ticket_id).toBe(7);
    expect(await addNote.findPrevious!(actionCtx(client, 'rule-3:ticket-7:v2'), input)).toBeUndefined();
    expect(sim.state.notesByMarker().get('rule-3:ticket-7:v1')).toBe(1);
  });
});

describe('ticket actions', () => {
  it('creates, updates (status, priority, group, agent, tags, custom fields) and views a ticket', async () => {
    const client = clientFor(sim);
    const ctx = actionCtx(client);
    const created = await createTicket.run(ctx, createTicket.input.parse({ email: 'vaino.hamalainen@example.fi', name: 'Väinö Hämäläinen', subject: 'Lasku väärin', description: '<p>Hei</p>', status: 2, priority: 1, tags: ['lasku'] }));
    const group = [...sim.state.groups.values()].find((g) => g.name === 'Laskutus')!;
    const agent = [...sim.state.agents.values()][0]!;
    await updateTicket.run(ctx, { ticketId: created.id, changes: { status: 3, priority: 3, group_id: group.id, responder_id: agent.id, tags: ['lasku', 'vip'], custom_fields: { cf_tilausnumero: 'T-1' } } });
    const viewed = await viewTicket.run(ctx, { ticketId: created.id, include: ['requester', 'stats'] });
    expect(viewed).toMatchObject({ status: 3, priority: 3, group_id: group.id, responder_id: agent.id, tags: ['lasku', 'vip'], custom_fields: { cf_tilausnumero: 'T-1' } });
    expect((viewed as { requester?: { name: string } }).requester?.name).toBe('Väinö Hämäläinen');
  });

  it('replies to the requester', async () => {
    const r = await reply.run(actionCtx(clientFor(sim)), reply.input.parse({ ticketId: 9, reply: { body: '<p>Kiitos!</p>' } }));
    expect(r.ticket_id).toBe(9);
    expect(sim.state.conversationsByTicket.get(9)!.at(-1)!.source).toBe(0);
  });

  it('surfaces Freshdesk validation errors with the parsed envelope naming the field', async () => {
    const error = await updateTicket.run(actionCtx(clientFor(sim)), { ticketId: 9, changes: { group_id: 999 } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).status).toBe(400);
    expect((error as HttpError).responseBody).toMatchObject({ errors: [{ field: 'group_id', code: 'invalid_value' }] });
    expect((error as HttpError).message).toContain('group_id');
  });
});

describe('contact actions and search', () => {
  it('creates, updates and merges contacts', async () => {
    const ctx = actionCtx(clientFor(sim));
    const a = await createContact.run(ctx, createContact.input.parse({ name: 'Åsa Öhman', email: 'asa.ohman@example.fi' }));
    const b = await createContact.run(ctx, createContact.input.parse({ name: 'Åsa Öhman', email: 'asa@gmail.com', mobile: '040 123 4567' }));
    const updated = await updateContact.run(ctx, updateContact.input.parse({ contactId: a.id, changes: { phone: '+358 9 123 4567' } }));
    expect(updated.phone).toBe('+358 9 123 4567');
    expect(await mergeContacts.run(ctx, mergeContacts.input.parse({ primary_contact_id: a.id, secondary_contact_ids: [b.id] }))).toEqual({ merged: true });
    const merged = sim.state.contacts.get(Number(a.id))!;
    expect(merged.other_emails).toContain('asa@gmail.com');
    expect(sim.state.contacts.get(Number(b.id))!.deleted).toBe(true);
    expect(await createContact.findPrevious!(ctx, createContact.input.parse({ name: 'Åsa Öhman', email: 'asa.ohman@example.fi' }))).toMatchObject({ id: a.id });
  });

  it('searches tickets and contacts through the typed query builder', async () => {
    const ctx = actionCtx(clientFor(sim));
    const res = await searchTickets.run(ctx, { query: ticketQuery().where('tag', 'lasku').and('status', 2) });
    const expected = [...sim.state.tickets.values()].filter((t) => t.tags.includes('lasku') && t.status === 2);
    expect(res.total).toBe(expected.length);
    const contact = [...sim.state.contacts.values()].find((c) => c.email && !c.deleted)!;
    const found = await searchContacts.run(ctx, { query: contactQuery().where('email', contact.email!) });
    expect(found.results.map((c) => c.id)).toContain(contact.id);
  });
});
