import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseMessage } from '@silta/email';
import { openStore } from '@silta/sync';
import { ANSSI, STORY } from '../demo/fixtures';
import { startStoryServices, stopStoryServices, type StoryServices } from '../demo/services';
import { runStory, type StoryResult } from '../demo/story';

/** The cross-channel story of `silta demo`, end to end on loopback: each step's effect where it lands. */
describe('silta demo: the cross-channel story', () => {
  let dir: string;
  let services: StoryServices;
  let result: StoryResult;
  let narration = '';

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'silta-story-'));
    services = await startStoryServices('story-test');
    const out = new Writable({ write(chunk, _enc, done) { narration += String(chunk); done(); } });
    result = await runStory({ db: join(dir, 'demo-story.db'), services, out, color: false });
  }, 30_000);

  afterAll(async () => {
    if (services) await stopStoryServices(services);
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('stores the chat pushed through the signed partner API', () => {
    expect(result.chat.result).toBe('created');
    expect(result.chat.stored).toBe(3);
    expect(result.chat.partyKey).toBe('chat:asiakaspalvelu-ab:visitor:yritys-oy/vis-anssi');
  });

  it('takes in the invoice email delivered over SMTP, with the signature phone in E.164', () => {
    const inbound = services.smtp.messages.find((m) => m.source.includes(result.email.messageId) && m.to.includes(STORY.supportAddress));
    expect(inbound?.source.toString('utf8')).toContain(`<${ANSSI.mailFrom}>`);
    expect(result.email.partyKey).toBe('email:tuki:address:anssi.makela@example.fi');
    expect(result.email.phones).toContain('+358401234567');
  });

  it('logs the call-back request as a Freshdesk phone ticket', () => {
    const ticket = services.simulator.state.tickets.get(result.callback.ticketId);
    expect(ticket?.source).toBe(3);
    expect(ticket?.subject).toContain(STORY.invoiceNumber);
  });

  it('links chat, email and phone ticket to one person and explains the path', () => {
    expect(result.personIds.chat).toBeDefined();
    expect(new Set(Object.values(result.personIds))).toEqual(new Set([result.personId]));
    expect(result.evidencePath[0]).toBe(result.chat.partyKey);
    expect(result.evidencePath.at(-1)).toBe(result.callback.partyKey);
    expect(narration).toContain(`one person ${result.personId} for all three records`);
  });

  it('moves the ticket to Laskutus with exactly one context note carrying the chat and the email', () => {
    const ticket = services.simulator.state.tickets.get(result.callback.ticketId)!;
    expect(services.simulator.state.groups.get(ticket.group_id!)?.name).toBe('Laskutus');
    const notes = (services.simulator.state.conversationsByTicket.get(ticket.id) ?? []).filter((c) => c.private);
    const contextNotes = notes.filter((n) => n.body.includes('Invoice question'));
    expect(contextNotes).toHaveLength(1);
    expect(contextNotes[0]!.body).toContain('Pellavapaita on mitoitukseltaan normaali');
    expect(contextNotes[0]!.body).toContain(result.email.subject);
    expect([...services.simulator.state.notesByMarker().values()].every((n) => n === 1)).toBe(true);
  });

  it('mails billing a summary that threads onto the customer\'s email', async () => {
    const sent = services.smtp.messages.filter((m) => m.to.includes(STORY.billingAddress));
    expect(sent).toHaveLength(1);
    const summary = await parseMessage(sent[0]!.source);
    expect(summary.messageId).toBe(result.routed.summary.messageId);
    expect(summary.messageId).toMatch(/^silta\.[0-9a-f]{32}@yritys\.fi$/);
    expect(summary.inReplyTo).toBe(result.email.messageId);
    expect(summary.references).toEqual([result.email.messageId]);
    expect(summary.subject).toContain(`[#${result.callback.ticketId}]`);
    expect(summary.text).toContain(ANSSI.name);
    // Marked as Silta's own automated mail, so other systems' loop protection never auto-answers it.
    expect(summary.headers.get('auto-submitted')).toBe('auto-generated');
  });

  it('puts billing\'s answer on the original ticket as a second note, on the customer\'s thread', () => {
    const notes = (services.simulator.state.conversationsByTicket.get(result.callback.ticketId) ?? []).filter((c) => c.private);
    expect(notes).toHaveLength(2);
    expect(notes[1]!.body).toContain('Tuplaveloitus on hyvitetty');
    expect(notes[1]!.body).not.toContain('wrote:');
    expect(Number(notes[1]!.id)).toBe(result.answer.noteId);
    expect(result.answer.ticketId).toBe(result.callback.ticketId);
    expect(result.answer.threadKey).toBe(result.email.threadKey);
    // Nothing internal went to the customer: his own thread holds only what he wrote.
    expect(services.smtp.messages.filter((m) => m.to.some((to) => to.toLowerCase() === ANSSI.chatEmail))).toHaveLength(0);
  });

  it('shows chat, email and the phone ticket in one timeline, also from the stored database', async () => {
    const channels = new Set(result.timeline.entries.map((e) => e.channel));
    for (const c of ['chat', 'email', 'phone']) expect(channels.has(c as never)).toBe(true);
    expect(new Set(result.timeline.entries.map((e) => e.system))).toEqual(new Set(['chat', 'email', 'freshdesk']));
    expect(narration).toContain('7. silta timeline anssi.makela@example.fi');
    const store = await openStore(join(dir, 'demo-story.db'));
    try {
      expect(await store.countRecords({ system: 'chat', entity: 'interaction' })).toBe(3);
      expect(await store.countRecords({ system: 'email', entity: 'interaction' })).toBe(3);
    } finally {
      await store.close();
    }
  });
});
