import type { emailConnector } from '@silta/email';
import type { freshdeskConnector } from '@silta/freshdesk';
import type { Interaction } from '@silta/model';
import {
  actionsOf, caseIdOf, caseOpened, contextNote, openCases, person, renderContextEmail, route, timeline, type DeliveryContext, type Rule,
} from '@silta/sync';
import { STORY } from './fixtures';

/** The rule's name: part of every idempotency key it makes. */
export const BILLING_RULE = 'invoice questions to billing';

/** The customer's latest inbound email in the packet, so billing's summary threads onto it. */
function customerEmail(ctx: DeliveryContext): Interaction | undefined {
  return ctx.packet.timeline.find((i) => i.channel === 'email' && i.direction === 'inbound' && i.ref.system === 'email');
}

/**
 * The summary email for billing: the context packet as text, `[#<ticket>]` in the subject so the answer
 * finds the ticket, and In-Reply-To/References pointing at the customer's own email so it threads.
 *
 * @example
 * mail.sendEmail(billingSummary);
 */
export function billingSummary(ctx: DeliveryContext) {
  const rendered = renderContextEmail(ctx.packet);
  const answered = customerEmail(ctx);
  return {
    to: STORY.billingAddress,
    subject: `[#${caseIdOf(ctx)}] ${rendered.subject}`,
    text: rendered.text,
    automated: true,
    ...(answered ? { inReplyTo: answered.ref.id, references: [answered.ref.id] } : {}),
  };
}

/**
 * "Invoice questions to billing": a Freshdesk ticket opened about an invoice moves to the Laskutus group,
 * gets a private note with the customer's context, and billing's mailbox gets a threaded summary.
 *
 * @example
 * const rule = billingRule(groupId);
 * await runRules({ store, rules: [rule], connections });
 */
export function billingRule(laskutusGroupId: number): Rule {
  const helpdesk = actionsOf<typeof freshdeskConnector.actions>(STORY.helpdeskConnection);
  const mail = actionsOf<typeof emailConnector.actions>(STORY.mailConnection);
  return route(BILLING_RULE)
    .when(caseOpened({ system: 'freshdesk', words: ['lasku', 'invoice'] }))
    .because('Invoice question')
    .handoffTo(STORY.billingGroup)
    .context(person(), timeline({ days: 30 }), openCases())
    .deliver(
      helpdesk.updateTicket((ctx) => ({ ticketId: caseIdOf(ctx), changes: { group_id: laskutusGroupId } })),
      helpdesk.addNote((ctx) => ({ ticketId: caseIdOf(ctx), note: { body: contextNote()(ctx), private: true } })),
      mail.sendEmail(billingSummary),
    );
}
