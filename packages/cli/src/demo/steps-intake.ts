import { intakeMessage, recordsOf } from '@silta/email';
import { TicketSource, createTicket } from '@silta/freshdesk';
import { silentLogger } from '@silta/kit';
import { formatSourceRef, type Case } from '@silta/model';
import type { PartnerClient } from '@silta/partner-client';
import { ANSSI, STORY, invoiceEmail, shirtChat } from './fixtures';
import { syncHelpdesk } from './helpdesk';
import type { CallbackOutcome, ChatOutcome, EmailOutcome, StoryContext } from './types';

/** Step 1: the partner pushes Anssi's chat about a shirt size through the signed partner API. */
export async function stepChat(ctx: StoryContext, client: PartnerClient): Promise<ChatOutcome> {
  const { say } = ctx;
  say.step(1, 'A week ago: Anssi chats with the partner\'s agent about a shirt size');
  const push = shirtChat(ctx.now);
  for (const m of push.messages) say.detail(`${m.from === 'visitor' ? ANSSI.name : m.agent?.name ?? m.from}: ${m.text}`);
  const answer = await client.pushConversation(push);
  say.say(`asiakaspalvelu-ab pushed it to POST /partner/v1/conversations (signed): ${answer.result}, ${answer.messages.stored} messages stored`);
  say.detail(`he gave ${ANSSI.name}, ${ANSSI.chatEmail}, ${ANSSI.chatPhone} → ${answer.refs.party}`);
  return { result: answer.result, caseKey: answer.refs.case, partyKey: answer.refs.party, stored: answer.messages.stored };
}

/** Step 2: his invoice email arrives over SMTP and is taken in: parsed, classified, threaded, mapped, stored. */
export async function stepEmail(ctx: StoryContext): Promise<EmailOutcome> {
  const { say, services } = ctx;
  say.step(2, 'Today: he emails the support mailbox about his invoice');
  const mail = invoiceEmail(ctx.now);
  await services.smtp.deliver(mail.raw, { from: ANSSI.mailFrom, to: [STORY.supportAddress] });
  const received = services.smtp.messages.find((m) => m.source.includes(mail.messageId));
  if (!received) throw new Error('the SMTP server did not receive the customer\'s email');
  say.say(`From ${ANSSI.mailFrom} to ${STORY.supportAddress}: "${mail.subject}" (delivered over SMTP to 127.0.0.1:${services.smtp.port})`);
  const intake = await intakeMessage(received.source, {
    connection: STORY.emailConnection, threads: ctx.threads, ownAddresses: [STORY.supportAddress, STORY.billingAddress], now: new Date(ctx.now),
  });
  await ctx.store.upsertBatch({ streamKey: `email:${STORY.emailConnection}:smtp`, records: recordsOf(intake), source: 'webhook' });
  const party = intake.records.party;
  if (!party) throw new Error('the customer\'s email produced no party record');
  const phones = party.identifiers.filter((i) => i.kind === 'phone').map((i) => `${i.raw ?? i.value} → ${i.value}`);
  say.say(`taken in as a ${intake.classification.kind}: ${intake.records.case ? 'a new case' : 'a reply'} on thread ${intake.thread.threadKey}`);
  say.detail(`signature phone ${phones.join(', ') || '(none found)'}; sender ${party.identifiers.find((i) => i.kind === 'email')?.value ?? '?'}`);
  return {
    messageId: mail.messageId, subject: mail.subject, threadKey: intake.thread.threadKey,
    partyKey: formatSourceRef(party.ref), phones: party.identifiers.filter((i) => i.kind === 'phone').map((i) => i.value),
  };
}

/** Step 3: the call-centre logs his call-back request as a Freshdesk phone ticket; the engine syncs it. */
export async function stepCallback(ctx: StoryContext): Promise<CallbackOutcome> {
  const { say } = ctx;
  say.step(3, 'He calls and leaves a call-back request: a Freshdesk phone ticket');
  const ticket = await createTicket.run({
    config: ctx.helpdeskConfig, client: ctx.helpdeskClient, connection: STORY.helpdeskConnection, logger: silentLogger,
    idempotencyKey: 'demo:callback-request',
  }, {
    name: ANSSI.name,
    phone: ANSSI.ticketPhone,
    subject: `Soittopyyntö: kysymys laskusta ${STORY.invoiceNumber}`,
    description: `<p>Asiakas pyytää soittoa takaisin laskustaan ${STORY.invoiceNumber}. Tavoitettavissa klo 9–16.</p>`,
    source: TicketSource.Phone,
    status: 2,
    priority: 2,
  });
  say.say(`createTicket → Freshdesk ticket #${ticket.id} (source Phone), requester ${ANSSI.name} ${ANSSI.ticketPhone}`);
  const changed = await syncHelpdesk(ctx);
  const stored = await ctx.store.getRecord(`freshdesk:${STORY.helpdeskConnection}:ticket:${ticket.id}`);
  if (!stored || stored.entity !== 'case') throw new Error(`ticket ${ticket.id} was not synced into the store`);
  const partyRef = (stored.record as Case).partyRef;
  if (!partyRef) throw new Error(`ticket ${ticket.id} has no requester`);
  say.detail(`synced by the engine (tickets, conversations, contacts): ${changed} records new or changed`);
  return { ticketId: Number(ticket.id), partyKey: formatSourceRef(partyRef) };
}
