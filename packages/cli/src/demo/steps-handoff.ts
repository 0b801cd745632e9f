import { escapeHtml } from '@silta/sync';
import { intakeMessage, parseMessage, recordsOf, ticketToken } from '@silta/email';
import { addNote } from '@silta/freshdesk';
import { createResolver } from '@silta/identity';
import { silentLogger } from '@silta/kit';
import { buildTimeline, deliver, formatTimeline, linkPeople, runRules, type Timeline } from '@silta/sync';
import { billingRule } from './billing-rule';
import { ANSSI, STORY, billingAnswer } from './fixtures';
import { syncHelpdesk } from './helpdesk';
import type { AnswerOutcome, LinkOutcome, RouteOutcome, StoryContext } from './types';

const OWN = [STORY.supportAddress, STORY.billingAddress];

/** Step 4: identity links the chat visitor, the email sender and the Freshdesk contact, and says why. */
export async function stepLink(ctx: StoryContext, keys: { chat: string; email: string; phone: string }): Promise<LinkOutcome> {
  const { say, store } = ctx;
  say.step(4, 'Silta links the three to one person, and shows why');
  const resolver = createResolver({ store: store.identity });
  const linked = await linkPeople({ store, resolver });
  say.detail(`${linked.linked} party records fed to the identity resolver`);
  const personIds = {
    chat: await resolver.personOf(keys.chat), email: await resolver.personOf(keys.email), phone: await resolver.personOf(keys.phone),
  };
  const personId = personIds.chat ?? personIds.email ?? personIds.phone;
  if (!personId) throw new Error('identity resolution placed none of the three records');
  const same = new Set(Object.values(personIds)).size === 1;
  say.say(same ? `one person ${personId} for all three records` : `NOT linked: ${JSON.stringify(personIds)}`);
  const explanation = await resolver.explain(personId);
  for (const r of explanation.records) say.detail(`${r.recordKey}: ${r.summary}`);
  const link = await resolver.explainLink(keys.chat, keys.phone);
  if (link.path.length) {
    say.say('evidence path from the chat to the phone ticket\'s contact:');
    for (const [i, key] of link.path.entries()) {
      const why = explanation.records.find((r) => r.recordKey === key);
      say.detail(`${i === 0 ? '  ' : '→ '}${key}${why && why.joined.via !== 'new' ? `  (${why.summary})` : ''}`);
    }
  }
  const shared = link.sharedIdentifiers.map((s) => `${s.kind} ${s.value}`).join(', ');
  if (shared) say.detail(`chat and phone ticket share: ${shared}`);
  return { personId, personIds, evidencePath: link.path };
}

/** Step 5: the routing rule moves the ticket to Laskutus, notes the context and mails billing a summary. */
export async function stepRoute(ctx: StoryContext, ticketId: number): Promise<RouteOutcome> {
  const { say, store, services } = ctx;
  say.step(5, 'The invoice question is routed to billing');
  const before = services.smtp.messages.length;
  const routed = await runRules({ store, rules: [billingRule(ctx.laskutusGroupId)], connections: ctx.connections, logger: silentLogger });
  const delivered = await deliver({ store, connections: ctx.connections, logger: silentLogger });
  if (routed.fired === 0) throw new Error(`the rule "invoice questions to billing" did not fire on ticket ${ticketId}`);
  if (delivered.retried + delivered.deadLettered > 0) {
    throw new Error(`${delivered.retried} actions failed and wait for a retry, ${delivered.deadLettered} were dead-lettered (see silta dlq list)`);
  }
  say.say(`rule "invoice questions to billing": ${routed.fired} firing, ${routed.enqueued} actions queued, ${delivered.delivered} delivered through the outbox`);
  const ticket = services.simulator.state.tickets.get(ticketId);
  const group = ticket?.group_id ? services.simulator.state.groups.get(ticket.group_id)?.name : undefined;
  say.detail(`Freshdesk ticket #${ticketId} is now in group ${group ?? '(none)'}`);
  const notes = (services.simulator.state.conversationsByTicket.get(ticketId) ?? []).filter((c) => c.private);
  if (notes.length) say.detail(`private note with the context packet (${notes[0]!.body.length} characters of HTML)`);
  const [mail] = (await services.smtp.waitFor(before + 1, 10_000)).slice(before).filter((m) => m.to.includes(STORY.billingAddress));
  if (!mail) throw new Error(`no summary email reached ${STORY.billingAddress}`);
  const parsed = await parseMessage(mail.source);
  if (!parsed.messageId) throw new Error('the summary email has no Message-ID');
  say.say(`${STORY.billingAddress} received "${parsed.subject}"`);
  say.detail(`Message-ID <${parsed.messageId}>`);
  say.detail(`In-Reply-To <${parsed.inReplyTo ?? ''}> (Anssi's email), References ${parsed.references.map((r) => `<${r}>`).join(' ')}`);
  say.say('the context packet, as billing reads it (the same packet is the ticket\'s private note):');
  say.block(parsed.text.trim().split('\n').map((line) => `│ ${line}`).join('\n'));
  // Silta's own mail is taken in too, so the answer to it threads (the engine records sent mail the same way).
  const own = await intakeMessage(mail.source, { connection: STORY.emailConnection, threads: ctx.threads, ownAddresses: OWN, now: new Date(ctx.now) });
  await store.upsertBatch({ streamKey: `email:${STORY.emailConnection}:smtp`, records: recordsOf(own), source: 'webhook' });
  return {
    fired: routed.fired, delivered: delivered.delivered,
    summary: { messageId: parsed.messageId, subject: parsed.subject, inReplyTo: parsed.inReplyTo, references: parsed.references },
  };
}

/** Step 6: billing answers the summary by email; the answer lands on the ticket as a note, on the same thread. */
export async function stepAnswer(
  ctx: StoryContext, input: { ticketId: number; summary: RouteOutcome['summary']; customerThread: string },
): Promise<AnswerOutcome> {
  const { say, store, services } = ctx;
  say.step(6, 'Billing answers; the answer comes back onto the ticket');
  const answer = billingAnswer(input.summary, ctx.now + 5 * 60_000);
  const count = services.smtp.messages.length;
  await services.smtp.deliver(answer.raw, { from: STORY.billingAddress, to: [STORY.supportAddress] });
  const [received] = (await services.smtp.waitFor(count + 1)).slice(count);
  const intake = await intakeMessage(received!.source, { connection: STORY.emailConnection, threads: ctx.threads, ownAddresses: OWN, now: new Date(ctx.now) });
  await store.upsertBatch({ streamKey: `email:${STORY.emailConnection}:smtp`, records: recordsOf(intake), source: 'webhook' });
  say.say(`${STORY.billingAddress} replied "${intake.parsed.subject}" (In-Reply-To <${intake.parsed.inReplyTo ?? ''}>)`);
  const token = ticketToken(intake.parsed.subject);
  const ticketId = token ? Number(token) : input.ticketId;
  const reply = intake.records.interaction.text ?? '';
  const note = await addNote.run({
    config: ctx.helpdeskConfig, client: ctx.helpdeskClient, connection: STORY.helpdeskConnection, logger: silentLogger,
    idempotencyKey: `email-answer:${intake.parsed.messageId ?? answer.messageId}`,
  }, {
    ticketId,
    note: { body: `<p><b>Laskutus vastasi sähköpostilla (${escapeHtml(STORY.billingAddress)}):</b> ${escapeHtml(reply)}</p>`, private: true },
  });
  say.detail(`note #${note.id} added to ticket #${ticketId}: "${reply}"`);
  const intact = intake.thread.threadKey === input.customerThread;
  say.say(intact
    ? `one thread: ${ANSSI.name}'s email → Silta's summary → billing's answer (thread ${intake.thread.threadKey}, by ${intake.thread.rule})`
    : `the answer started another thread (${intake.thread.threadKey}), not ${input.customerThread}`);
  return { messageId: answer.messageId, threadKey: intake.thread.threadKey, noteId: Number(note.id), ticketId };
}

/** Step 7: `silta timeline` for Anssi: chat, email and phone ticket in one history. */
export async function stepTimeline(ctx: StoryContext): Promise<Timeline> {
  const { say, store } = ctx;
  say.step(7, `silta timeline ${ANSSI.chatEmail}`);
  await syncHelpdesk(ctx);
  const timeline = await buildTimeline(store, { email: ANSSI.chatEmail }, { limit: 20 });
  say.block(formatTimeline(timeline, { width: 110, colors: say.colors }));
  const channels = [...new Set(timeline.entries.map((e) => e.channel))];
  say.ok(`${timeline.entries.length} entries from ${timeline.parties.length} records; channels: ${channels.join(', ')}`);
  return timeline;
}
